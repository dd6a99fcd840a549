import { patchSubscription } from "@/lib/admin/announcement-actions";
import { readAdminForm, redirectAfterFailure, redirectToAdmin } from "@/lib/admin/forms";

export const dynamic = "force-dynamic";

/** The console's boosts setting of one followed account. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const admin = await readAdminForm(request);
  if (!admin) return redirectToAdmin({ error: "form-refused" });
  try {
    await patchSubscription((await params).id, { boosts: String(admin.form.get("boosts") ?? "") }, admin.actor);
    return redirectToAdmin({ notice: "boosts-saved" });
  } catch (error) {
    return redirectAfterFailure(admin.sessionKey, error);
  }
}
