import { readAdminForm, redirectAfterFailure, redirectToAdmin } from "@/lib/admin/forms";
import { enrolDevice } from "@/lib/signage/devices";

export const dynamic = "force-dynamic";

/** "Add device": enrols a device for the screen; the next /admin page shows its secret, once. */
export async function POST(request: Request, { params }: { params: Promise<{ name: string }> }) {
  const admin = await readAdminForm(request);
  if (!admin) return redirectToAdmin({ error: "form-refused" });
  try {
    const issued = await enrolDevice((await params).name, String(admin.form.get("device") ?? "").trim());
    return redirectToAdmin({ notice: "device-added" }, { sessionKey: admin.sessionKey, issued });
  } catch (error) {
    return redirectAfterFailure(admin.sessionKey, error);
  }
}
