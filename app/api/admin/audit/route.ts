import { requireAdminBearer } from "@/lib/admin/admin-api";
import { listAudit } from "@/lib/admin/announcement-actions";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** The operators' actions, newest first. */
export async function GET(request: Request) {
  try {
    requireAdminBearer(request);
    return Response.json(await listAudit(new URL(request.url)));
  } catch (error) {
    return errorResponse(error);
  }
}
