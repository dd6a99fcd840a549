import { getPublicAnnouncement } from "@/lib/announcements/listing";
import { errorResponse, HttpError, jsonWithEtag } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const announcement = await getPublicAnnouncement(id);
    if (!announcement) throw new HttpError(404, "No announcement with that id (it may have been deleted).");
    return jsonWithEtag(request, announcement);
  } catch (error) {
    return errorResponse(error);
  }
}
