import { requireAdminBearer } from "@/lib/admin/admin-api";
import { errorResponse } from "@/lib/http/responses";
import { revokeDevice } from "@/lib/signage/devices";

export const dynamic = "force-dynamic";

/** Revokes a device: its secret stops working at once. */
export async function DELETE(request: Request, { params }: { params: Promise<{ name: string; device: string }> }) {
  try {
    requireAdminBearer(request);
    const { name, device } = await params;
    await revokeDevice(name, device);
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
