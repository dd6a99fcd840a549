import { describeEntry, removeEmergencyEntry } from "@/lib/admin/emergency-lists";
import { readAdminForm, redirectAfterFailure, redirectToAdmin } from "@/lib/admin/forms";

export const dynamic = "force-dynamic";

/** The console's remove buttons beside each emergency account and hashtag it keeps. */
export async function POST(request: Request) {
  const admin = await readAdminForm(request);
  if (!admin) return redirectToAdmin({ error: "form-refused" });
  try {
    const kind = admin.form.get("kind") === "hashtag" ? "hashtag" : "account";
    const { removed } = await removeEmergencyEntry(kind, String(admin.form.get("value") ?? ""), admin.actor);
    return redirectToAdmin({ notice: "emergency-removed" }, { sessionKey: admin.sessionKey, detail: `${removed.map(describeEntry).join(", ")}.` });
  } catch (error) {
    return redirectAfterFailure(admin.sessionKey, error);
  }
}
