import { errorResponse, HttpError } from "@/lib/http/responses";
import { parseSlideOptions } from "@/lib/render/slide-request";
import { respondWithSlide } from "@/lib/render/slide-response";
import { getCurrentSlide } from "@/lib/signage/screen-slides";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ screen: string }> }) {
  try {
    const options = parseSlideOptions(new URL(request.url).searchParams);
    const current = await getCurrentSlide((await params).screen, options, Date.now());
    if (!current) throw new HttpError(404, "This screen has no announcements to show yet.");
    // Devices that poll one image can wait until the slide changes.
    return await respondWithSlide(request, current.announcement, options, { "x-slide-seconds-left": String(current.secondsLeft), refresh: String(current.secondsLeft) });
  } catch (error) {
    return errorResponse(error);
  }
}
