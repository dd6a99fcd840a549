import { requireAdminBearer } from "@/lib/admin/admin-api";
import { decideApproval } from "@/lib/admin/announcement-actions";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ name: string; id: string }> };

/** Approves the announcement for this screen. */
export async function POST(request: Request, { params }: Context) {
  try {
    requireAdminBearer(request);
    const { name, id } = await params;
    return Response.json(await decideApproval(name, id, "approved", "api"));
  } catch (error) {
    return errorResponse(error);
  }
}

/** Declines it: it never shows on this screen. */
export async function DELETE(request: Request, { params }: Context) {
  try {
    requireAdminBearer(request);
    const { name, id } = await params;
    return Response.json(await decideApproval(name, id, "declined", "api"));
  } catch (error) {
    return errorResponse(error);
  }
}
