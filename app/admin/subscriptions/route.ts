import { readAdminForm, redirectToAdmin } from "@/lib/admin/forms";
import { createSubscriptionFromBody } from "@/lib/admin/admin-api";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const form = await readAdminForm(request);
  if (!form) return redirectToAdmin({ error: "That form was refused: sign in again and retry." });
  try {
    const language = String(form.get("language") ?? "").trim();
    const subscription = await createSubscriptionFromBody({ handle: String(form.get("handle") ?? ""), language: language || null });
    return subscription.state === "error"
      ? redirectToAdmin({ error: `${subscription.handle}: ${subscription.reason}` })
      : redirectToAdmin({ notice: `Follow request sent to ${subscription.handle}.` });
  } catch (error) {
    return redirectToAdmin({ error: (error as Error).message });
  }
}
