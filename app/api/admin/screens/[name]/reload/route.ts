import { requireAdminBearer } from "@/lib/admin/admin-api";
import { errorResponse, HttpError } from "@/lib/http/responses";
import { DEVICE_NAME_PATTERN } from "@/lib/signage/heartbeat";
import { requestScreenReload } from "@/lib/signage/screens";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ name: string }> }) {
  try {
    requireAdminBearer(request);
    const text = await request.text();
    const body = text.trim() ? JSON.parse(text) : {};
    const device = body?.device ?? null;
    if (device !== null && (typeof device !== "string" || !DEVICE_NAME_PATTERN.test(device))) throw new HttpError(400, "device must be a device name, or left out for every device of the screen.");
    return Response.json({ requested: await requestScreenReload((await params).name, device) });
  } catch (error) {
    if (error instanceof SyntaxError) return errorResponse(new HttpError(400, 'The body must be empty or JSON like {"device":"lobby-pi"}.'));
    return errorResponse(error);
  }
}
