import { deleteSubscription, requireAdminBearer } from "@/lib/admin/admin-api";
import { patchSubscription } from "@/lib/admin/announcement-actions";
import { readJsonBody } from "@/lib/admin/json-body";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export async function DELETE(request: Request, { params }: Context) {
  try {
    requireAdminBearer(request);
    await deleteSubscription((await params).id);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}

/** {"boosts": "none" | "trusted" | "all"}: which of the account's boosts are shown. */
export async function PATCH(request: Request, { params }: Context) {
  try {
    requireAdminBearer(request);
    return Response.json(await patchSubscription((await params).id, await readJsonBody(request, '{"boosts":"trusted"}'), "api"));
  } catch (error) {
    return errorResponse(error);
  }
}

/** The same as PATCH, for clients that cannot send PATCH. */
export const POST = PATCH;
