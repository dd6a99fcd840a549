import { buildCapAtomIndex } from "@/lib/cap/cap-atom";
import { respondWithEtag } from "@/lib/feeds/feed-response";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    return respondWithEtag(request, await buildCapAtomIndex(), { "content-type": "application/atom+xml; charset=utf-8", "cache-control": "no-cache" });
  } catch (error) {
    return errorResponse(error);
  }
}
