import { readAdminForm, redirectToAdmin } from "@/lib/admin/forms";
import { deleteSubscription } from "@/lib/admin/admin-api";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  if (!(await readAdminForm(request))) return redirectToAdmin({ error: "That form was refused: sign in again and retry." });
  try {
    await deleteSubscription((await params).id);
    return redirectToAdmin({ notice: "Unfollowed; its announcements are no longer shown." });
  } catch (error) {
    return redirectToAdmin({ error: (error as Error).message });
  }
}
