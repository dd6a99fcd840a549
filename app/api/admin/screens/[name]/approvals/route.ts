import { requireAdminBearer } from "@/lib/admin/admin-api";
import { listWaitingApprovals } from "@/lib/admin/announcement-actions";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** The posts waiting for an operator's approval on this screen. */
export async function GET(request: Request, { params }: { params: Promise<{ name: string }> }) {
  try {
    requireAdminBearer(request);
    return Response.json(await listWaitingApprovals((await params).name));
  } catch (error) {
    return errorResponse(error);
  }
}
