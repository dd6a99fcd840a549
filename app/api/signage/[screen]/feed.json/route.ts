import { errorResponse, jsonWithEtag } from "@/lib/http/responses";
import { getPublicScreenFeed } from "@/lib/signage/feed";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ screen: string }> }) {
  try {
    const response = jsonWithEtag(request, await getPublicScreenFeed((await params).screen));
    // Screens correct their clocks with this, so slides change together across a building.
    response.headers.set("x-server-time", String(Date.now()));
    return response;
  } catch (error) {
    return errorResponse(error);
  }
}
