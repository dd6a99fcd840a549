import { applyAnnouncementAction, patchAnnouncement } from "@/lib/admin/announcement-actions";
import { readAdminForm, redirectAfterFailure, redirectToAdmin } from "@/lib/admin/forms";
import { readShowUntilField } from "@/lib/admin/show-until-field";

export const dynamic = "force-dynamic";

/** The console's hide, unhide, pin, unpin and show-until forms (server-rendered, no JavaScript needed). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string; action: string }> }) {
  const admin = await readAdminForm(request);
  if (!admin) return redirectToAdmin({ error: "form-refused" });
  const { id, action } = await params;
  // The audit log names a console session by the start of its server-side key (never the cookie).
  try {
    if (action === "show-until") {
      await patchAnnouncement(id, { showUntil: readShowUntilField(admin.form.get("showUntil")) }, admin.actor);
    } else {
      await applyAnnouncementAction(id, action, { reason: String(admin.form.get("reason") ?? "") }, admin.actor);
    }
    return redirectToAdmin({ notice: "announcement-changed" });
  } catch (error) {
    return redirectAfterFailure(admin.sessionKey, error);
  }
}
