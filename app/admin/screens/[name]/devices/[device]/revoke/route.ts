import { readAdminForm, redirectAfterFailure, redirectToAdmin } from "@/lib/admin/forms";
import { revokeDevice } from "@/lib/signage/devices";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ name: string; device: string }> }) {
  const admin = await readAdminForm(request);
  if (!admin) return redirectToAdmin({ error: "form-refused" });
  try {
    const { name, device } = await params;
    await revokeDevice(name, device);
    return redirectToAdmin({ notice: "device-revoked" }, { sessionKey: admin.sessionKey, detail: `Device ${device} of ${name}.` });
  } catch (error) {
    return redirectAfterFailure(admin.sessionKey, error);
  }
}
