import { readAdminForm, redirectAfterFailure, redirectToAdmin } from "@/lib/admin/forms";
import { deleteScreen } from "@/lib/signage/screens";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ name: string }> }) {
  const admin = await readAdminForm(request);
  if (!admin) return redirectToAdmin({ error: "form-refused" });
  try {
    const { name } = await params;
    await deleteScreen(name);
    return redirectToAdmin({ notice: "screen-deleted" }, { sessionKey: admin.sessionKey, detail: `Screen ${name}.` });
  } catch (error) {
    return redirectAfterFailure(admin.sessionKey, error);
  }
}
