import { getAnnouncement } from "@/lib/announcements/listing";
import { errorResponse, HttpError } from "@/lib/http/responses";
import { parseSlideOptions } from "@/lib/render/slide-request";
import { respondWithSlide } from "@/lib/render/slide-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const options = parseSlideOptions(new URL(request.url).searchParams);
    const { id } = await params;
    const announcement = await getAnnouncement(id);
    if (!announcement) throw new HttpError(404, "No announcement with that id (it may have been deleted).");
    return await respondWithSlide(request, announcement, options);
  } catch (error) {
    return errorResponse(error);
  }
}
