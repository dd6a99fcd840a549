import { readAdminForm, redirectAfterFailure, redirectToAdmin } from "@/lib/admin/forms";
import { requestScreenReload } from "@/lib/signage/screens";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ name: string }> }) {
  const admin = await readAdminForm(request);
  if (!admin) return redirectToAdmin({ error: "form-refused" });
  try {
    const { name } = await params;
    const count = await requestScreenReload(name, null);
    return redirectToAdmin({ notice: "reload-requested" }, { sessionKey: admin.sessionKey, detail: `Asked ${count} device(s) of ${name}.` });
  } catch (error) {
    return redirectAfterFailure(admin.sessionKey, error);
  }
}
