import { requireAdminBearer } from "@/lib/admin/admin-api";
import { errorResponse, readJsonBody } from "@/lib/http/responses";
import { deleteScreen, getScreenConfig, updateScreen } from "@/lib/signage/screens";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ name: string }> };

export async function GET(request: Request, { params }: Context) {
  try {
    requireAdminBearer(request);
    return Response.json(await getScreenConfig((await params).name));
  } catch (error) {
    return errorResponse(error);
  }
}

export async function PUT(request: Request, { params }: Context) {
  try {
    requireAdminBearer(request);
    const body = await readJsonBody(request, '{"theme":"contrast","openingHours":"Mo-Fr 08:00-18:00"}');
    return Response.json(await updateScreen((await params).name, body));
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(request: Request, { params }: Context) {
  try {
    requireAdminBearer(request);
    await deleteScreen((await params).name);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
