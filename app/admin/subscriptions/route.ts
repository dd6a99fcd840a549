import { readAdminForm, redirectAfterFailure, redirectToAdmin } from "@/lib/admin/forms";
import { createSubscriptionFromBody } from "@/lib/admin/admin-api";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const admin = await readAdminForm(request);
  if (!admin) return redirectToAdmin({ error: "form-refused" });
  try {
    const language = String(admin.form.get("language") ?? "").trim();
    const subscription = await createSubscriptionFromBody({ handle: String(admin.form.get("handle") ?? ""), language: language || null });
    return subscription.state === "error"
      ? redirectAfterFailure(admin.sessionKey, new Error(`${subscription.handle}: ${subscription.reason}`))
      : redirectToAdmin({ notice: "follow-sent" }, { sessionKey: admin.sessionKey, detail: `Sent to ${subscription.handle}.` });
  } catch (error) {
    return redirectAfterFailure(admin.sessionKey, error);
  }
}
