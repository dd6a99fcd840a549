import { endAdminSession, isAdminToken, normaliseOperatorName, SESSION_COOKIE, startAdminSession } from "@/lib/admin/auth";
import { readAdminForm, readCookie, redirectToAdmin, sessionCookie } from "@/lib/admin/forms";
import { getSignInAddress, isSignInThrottled, recordSignInFailure } from "@/lib/admin/sign-in-throttle";

export const dynamic = "force-dynamic";

/** Sign in (field "token", and "name" for the audit log) or, with field "action" = "sign-out", sign out (the session ends on the server). */
export async function POST(request: Request) {
  const form = await request.clone().formData().catch(() => null);
  if (form?.get("action") === "sign-out") {
    if (!(await readAdminForm(request))) return redirectToAdmin({ error: "session-ended" });
    await endAdminSession(readCookie(request, SESSION_COOKIE));
    const response = redirectToAdmin({ notice: "signed-out" });
    response.headers.append("set-cookie", sessionCookie(null));
    return response;
  }
  const address = getSignInAddress(request);
  if (isSignInThrottled(address)) return redirectToAdmin({ error: "too-many-attempts" });
  const token = form?.get("token");
  if (typeof token !== "string" || !isAdminToken(token)) {
    recordSignInFailure(address);
    return redirectToAdmin({ error: "bad-token" });
  }
  const response = redirectToAdmin();
  response.headers.append("set-cookie", sessionCookie(await startAdminSession({ name: normaliseOperatorName(form?.get("name")) })));
  return response;
}
