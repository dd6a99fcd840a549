import { requireAdminBearer } from "@/lib/admin/admin-api";
import { errorResponse, readJsonBody } from "@/lib/http/responses";
import { enrolDevice, listEnrolledDevices } from "@/lib/signage/devices";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ name: string }> };

/** The screen's enrolled devices (never their secrets). */
export async function GET(request: Request, { params }: Context) {
  try {
    requireAdminBearer(request);
    return Response.json({ items: await listEnrolledDevices((await params).name) });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Enrols `{"device":"lobby-pi"}`; answers 201 with its secret, which cannot be shown again. */
export async function POST(request: Request, { params }: Context) {
  try {
    requireAdminBearer(request);
    const body = (await readJsonBody(request, '{"device":"lobby-pi"}')) as { device?: unknown } | null;
    const device = typeof body?.device === "string" ? body.device : "";
    return Response.json(await enrolDevice((await params).name, device), { status: 201, headers: { "cache-control": "no-store" } });
  } catch (error) {
    return errorResponse(error);
  }
}
