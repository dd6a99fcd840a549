import { requireAdminBearer } from "@/lib/admin/admin-api";
import { applyAnnouncementAction } from "@/lib/admin/announcement-actions";
import { readJsonBody } from "@/lib/admin/json-body";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** hide (with an optional {"reason"}), unhide, pin, unpin. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string; action: string }> }) {
  try {
    requireAdminBearer(request);
    const { id, action } = await params;
    return Response.json(await applyAnnouncementAction(id, action, await readJsonBody(request, '{"reason":"Out of date"}', true), "api"));
  } catch (error) {
    return errorResponse(error);
  }
}
