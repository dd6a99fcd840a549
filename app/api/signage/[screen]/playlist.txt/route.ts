import { errorResponse } from "@/lib/http/responses";
import { parseSlideOptions } from "@/lib/render/slide-request";
import { formatPlainList } from "@/lib/signage/playlist";
import { getScreenPlaylist } from "@/lib/signage/screen-slides";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ screen: string }> }) {
  try {
    const { playlist } = await getScreenPlaylist((await params).screen, parseSlideOptions(new URL(request.url).searchParams));
    return new Response(formatPlainList(playlist), { headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-cache" } });
  } catch (error) {
    return errorResponse(error);
  }
}
