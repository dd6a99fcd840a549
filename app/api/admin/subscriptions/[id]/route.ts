import { deleteSubscription, requireAdminBearer } from "@/lib/admin/admin-api";
import { errorResponse } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    requireAdminBearer(request);
    await deleteSubscription((await params).id);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
