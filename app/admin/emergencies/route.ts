import { addEmergencyEntry, describeEntry } from "@/lib/admin/emergency-lists";
import { readAdminForm, redirectAfterFailure, redirectToAdmin } from "@/lib/admin/forms";

export const dynamic = "force-dynamic";

/** The console's "add an emergency account / hashtag" forms (server-rendered, no JavaScript needed). */
export async function POST(request: Request) {
  const admin = await readAdminForm(request);
  if (!admin) return redirectToAdmin({ error: "form-refused" });
  try {
    const kind = admin.form.get("kind") === "hashtag" ? "hashtag" : "account";
    const { added, flipped } = await addEmergencyEntry(kind, String(admin.form.get("value") ?? ""), admin.actor);
    const detail = `${added.map(describeEntry).join(", ")}: ${describeFlipped(flipped.length)}.`;
    return redirectToAdmin({ notice: "emergency-added" }, { sessionKey: admin.sessionKey, detail });
  } catch (error) {
    return redirectAfterFailure(admin.sessionKey, error);
  }
}

function describeFlipped(count: number): string {
  if (count === 0) return "no recent announcement changed; new posts that match are emergencies";
  return count === 1 ? "1 recent announcement became an emergency" : `${count} recent announcements became emergencies`;
}
