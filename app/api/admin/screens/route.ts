import { requireAdminBearer } from "@/lib/admin/admin-api";
import { errorResponse, readJsonBody } from "@/lib/http/responses";
import { listFleet } from "@/lib/signage/fleet";
import { createScreen } from "@/lib/signage/screens";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    requireAdminBearer(request);
    return Response.json({ items: await listFleet() });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request) {
  try {
    requireAdminBearer(request);
    const body = await readJsonBody(request, '{"name":"lobby","hashtags":["roads"]}');
    return Response.json(await createScreen(body), { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
