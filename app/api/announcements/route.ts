import { listAnnouncements } from "@/lib/announcements/listing";
import { errorResponse, jsonWithEtag, parseIntegerParam } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const params = new URL(request.url).searchParams;
    const limit = parseIntegerParam(params.get("limit"), "limit", 20, 1, 100);
    const items = await listAnnouncements({ limit, account: params.get("account"), before: params.get("before") });
    return jsonWithEtag(request, { items });
  } catch (error) {
    return errorResponse(error);
  }
}
