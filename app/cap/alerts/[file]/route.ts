import { getCapDocument } from "@/lib/cap/cap-alerts";
import { respondWithEtag } from "@/lib/feeds/feed-response";
import { errorResponse, HttpError } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

// /cap/alerts/{announcement id}.xml: the newest CAP message Crier published about it.
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  try {
    const match = /^([A-Za-z0-9_-]{1,100})\.xml$/.exec((await params).file);
    const document = match ? await getCapDocument(match[1]!) : null;
    if (!document) throw new HttpError(404, "No CAP alert with that id: Crier publishes one only for an emergency.");
    return respondWithEtag(request, document, { "content-type": "application/cap+xml; charset=utf-8", "cache-control": "no-cache" });
  } catch (error) {
    return errorResponse(error);
  }
}
