import { requireAdminBearer } from "@/lib/admin/admin-api";
import { getEmergencyLists, replaceEmergencyLists } from "@/lib/admin/emergency-lists";
import { errorResponse, readJsonBody } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** The global emergency lists: stored (what PUT replaces), from the settings, and in effect. */
export async function GET(request: Request) {
  try {
    requireAdminBearer(request);
    return Response.json(await getEmergencyLists());
  } catch (error) {
    return errorResponse(error);
  }
}

/** Replaces the stored lists the body names ({"accounts":[…]}, {"hashtags":[…]}); the audit log names "api". */
export async function PUT(request: Request) {
  try {
    requireAdminBearer(request);
    const body = await readJsonBody(request, '{"accounts":["@alerts@council.example"],"hashtags":["Flood"]}');
    return Response.json(await replaceEmergencyLists(body, "api"));
  } catch (error) {
    return errorResponse(error);
  }
}
