import { applyAnnouncementAction, patchAnnouncement } from "@/lib/admin/announcement-actions";
import { readAdminForm, redirectAfterFailure, redirectToAdmin } from "@/lib/admin/forms";

export const dynamic = "force-dynamic";

/** The console's hide, unhide, pin, unpin and show-until forms (server-rendered, no JavaScript needed). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string; action: string }> }) {
  const admin = await readAdminForm(request);
  if (!admin) return redirectToAdmin({ error: "form-refused" });
  const { id, action } = await params;
  // The audit log names a console session by the start of its server-side key (never the cookie).
  try {
    if (action === "show-until") {
      const value = String(admin.form.get("showUntil") ?? "").trim();
      // datetime-local sends "2026-12-24T18:00" (seconds optional), read as UTC as the form says.
      await patchAnnouncement(id, { showUntil: value === "" ? null : `${value.length === 16 ? `${value}:00` : value}Z` }, admin.actor);
    } else {
      await applyAnnouncementAction(id, action, { reason: String(admin.form.get("reason") ?? "") }, admin.actor);
    }
    return redirectToAdmin({ notice: "announcement-changed" });
  } catch (error) {
    return redirectAfterFailure(admin.sessionKey, error);
  }
}
