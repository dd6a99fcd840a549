import { listArchivedVersions, requireAdminBearer } from "@/lib/admin/admin-api";
import { errorResponse, HttpError } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** Every archived version of an announcement, deleted ones included (operator only). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    requireAdminBearer(request);
    const items = await listArchivedVersions((await params).id);
    if (items.length === 0) throw new HttpError(404, "No announcement with that id was ever stored.");
    return Response.json({ items });
  } catch (error) {
    return errorResponse(error);
  }
}
