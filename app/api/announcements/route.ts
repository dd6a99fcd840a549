import { getAnnouncementListJson } from "@/lib/announcements/listing";
import { errorResponse, jsonTextWithEtag, parseIntegerParam } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const params = new URL(request.url).searchParams;
    const limit = parseIntegerParam(params.get("limit"), "limit", 20, 1, 100);
    const { json, etag } = await getAnnouncementListJson({ limit, account: params.get("account"), before: params.get("before") });
    return jsonTextWithEtag(request, json, etag);
  } catch (error) {
    return errorResponse(error);
  }
}
