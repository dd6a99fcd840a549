import { getCachedJson } from "@/lib/announcements/list-cache";
import { listAnnouncements } from "@/lib/announcements/listing";
import { errorResponse, jsonTextWithEtag, parseIntegerParam } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const params = new URL(request.url).searchParams;
    const limit = parseIntegerParam(params.get("limit"), "limit", 20, 1, 100);
    const account = params.get("account");
    const before = params.get("before");
    const key = JSON.stringify([limit, account, before]);
    const { json, etag } = await getCachedJson(key, async () => ({ items: await listAnnouncements({ limit, account, before }) }));
    return jsonTextWithEtag(request, json, etag);
  } catch (error) {
    return errorResponse(error);
  }
}
