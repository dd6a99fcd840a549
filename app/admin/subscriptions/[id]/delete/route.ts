import { readAdminForm, redirectAfterFailure, redirectToAdmin } from "@/lib/admin/forms";
import { deleteSubscription } from "@/lib/admin/admin-api";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const admin = await readAdminForm(request);
  if (!admin) return redirectToAdmin({ error: "form-refused" });
  try {
    await deleteSubscription((await params).id);
    return redirectToAdmin({ notice: "unfollowed" });
  } catch (error) {
    return redirectAfterFailure(admin.sessionKey, error);
  }
}
