import { getScreenCapDocument } from "@/lib/cap/cap-alerts";
import { respondWithEtag } from "@/lib/feeds/feed-response";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// For signage that takes over from one CAP file (Xibo's CAP connector): 204 when nothing does.
export async function GET(request: Request, { params }: { params: Promise<{ screen: string }> }) {
  try {
    const document = await getScreenCapDocument((await params).screen);
    if (!document) return new Response(null, { status: 204, headers: { "cache-control": "no-cache" } });
    return respondWithEtag(request, document, { "content-type": "application/cap+xml; charset=utf-8", "cache-control": "no-cache" });
  } catch (error) {
    return errorResponse(error);
  }
}
