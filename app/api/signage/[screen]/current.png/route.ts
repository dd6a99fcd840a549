import { errorResponse, HttpError } from "@/lib/http/responses";
import { parseSlideOptions } from "@/lib/render/slide-request";
import { respondWithSlide } from "@/lib/render/slide-response";
import { pickCurrentItem } from "@/lib/signage/playlist";
import { getScreenPlaylist } from "@/lib/signage/screen-slides";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ screen: string }> }) {
  try {
    const options = parseSlideOptions(new URL(request.url).searchParams);
    const { playlist, announcements } = await getScreenPlaylist((await params).screen, options);
    const current = pickCurrentItem(playlist, Date.now());
    const announcement = current && announcements.find((item) => item.id === current.item.id);
    if (!current || !announcement) throw new HttpError(404, "This screen has no announcements to show yet.");
    // Devices that poll one image can wait until the slide changes.
    return await respondWithSlide(request, announcement, options, { "x-slide-seconds-left": String(current.secondsLeft), refresh: String(current.secondsLeft) });
  } catch (error) {
    return errorResponse(error);
  }
}
