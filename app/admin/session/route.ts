import { getSessionValue, isAdminToken } from "@/lib/admin/auth";
import { readAdminForm, redirectToAdmin, sessionCookie } from "@/lib/admin/forms";

export const dynamic = "force-dynamic";

/** Sign in (field "token") or, with field "action" = "sign-out", sign out. */
export async function POST(request: Request) {
  const form = await request.clone().formData().catch(() => null);
  if (form?.get("action") === "sign-out") {
    if (!(await readAdminForm(request))) return redirectToAdmin({ error: "Your session ended; sign in again." });
    const response = redirectToAdmin({ notice: "Signed out." });
    response.headers.append("set-cookie", sessionCookie(null));
    return response;
  }
  const token = form?.get("token");
  if (typeof token !== "string" || !isAdminToken(token)) {
    return redirectToAdmin({ error: "That is not the admin token." });
  }
  const response = redirectToAdmin();
  response.headers.append("set-cookie", sessionCookie(getSessionValue()));
  return response;
}
