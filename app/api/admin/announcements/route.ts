import { requireAdminBearer } from "@/lib/admin/admin-api";
import { listAdminAnnouncements } from "@/lib/admin/announcement-actions";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** Every announcement and archived reply with its state (shown, hidden, reply, expired), newest first. */
export async function GET(request: Request) {
  try {
    requireAdminBearer(request);
    return Response.json(await listAdminAnnouncements(new URL(request.url)));
  } catch (error) {
    return errorResponse(error);
  }
}
