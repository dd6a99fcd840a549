import { errorResponse, jsonWithEtag } from "@/lib/http/responses";
import { parseSlideOptions } from "@/lib/render/slide-request";
import { getScreenPlaylist } from "@/lib/signage/screen-slides";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ screen: string }> }) {
  try {
    const options = parseSlideOptions(new URL(request.url).searchParams);
    const { playlist } = await getScreenPlaylist((await params).screen, options);
    return jsonWithEtag(request, playlist);
  } catch (error) {
    return errorResponse(error);
  }
}
