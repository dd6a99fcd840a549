import { requireAdminBearer } from "@/lib/admin/admin-api";
import { patchAnnouncement } from "@/lib/admin/announcement-actions";
import { readJsonBody } from "@/lib/admin/json-body";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** {"showUntil": ISO | null}: when the announcement leaves every public channel. */
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    requireAdminBearer(request);
    return Response.json(await patchAnnouncement((await params).id, await readJsonBody(request, '{"showUntil":"2026-12-24T18:00:00Z"}'), "api"));
  } catch (error) {
    return errorResponse(error);
  }
}
