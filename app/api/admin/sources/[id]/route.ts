import { requireAdminBearer } from "@/lib/admin/admin-api";
import { deleteSource, setSourcePaused } from "@/lib/cap/cap-sources";
import { errorResponse, readJsonBody } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

/** {"paused":true} pauses a source, {"paused":false} resumes it. */
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    requireAdminBearer(request);
    const body = await readJsonBody(request, '{"paused":true}');
    return Response.json(await setSourcePaused((await params).id, body));
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    requireAdminBearer(request);
    await deleteSource((await params).id);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
