import { getEnv } from "../env";
import { isAdminSession, isValidCsrfToken, SESSION_COOKIE } from "./auth";

/** Where a form post goes back to, with a message for the page to show. */
export function redirectToAdmin(message?: { notice?: string; error?: string }): Response {
  const url = new URL("/admin", getEnv().publicUrl);
  if (message?.notice) url.searchParams.set("notice", message.notice.slice(0, 500));
  if (message?.error) url.searchParams.set("error", message.error.slice(0, 500));
  return new Response(null, { status: 303, headers: { location: url.pathname + url.search } });
}

function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

/**
 * Checks an admin form post: signed in (session cookie, SameSite=Strict), the
 * form's CSRF token, and, when the browser sends one, an Origin of this site.
 * Returns the form data, or null when the post must be refused.
 */
export async function readAdminForm(request: Request): Promise<FormData | null> {
  if (!isAdminSession(readCookie(request, SESSION_COOKIE))) return null;
  const origin = request.headers.get("origin");
  if (origin && origin !== "null" && !isSameSite(origin, request)) return null;
  const form = await request.formData().catch(() => null);
  if (!form || !isValidCsrfToken(form.get("csrf"))) return null;
  return form;
}

function isSameSite(origin: string, request: Request): boolean {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    const originHost = new URL(origin).host;
    return originHost === host || originHost === new URL(getEnv().publicUrl).host;
  } catch {
    return false;
  }
}

/** The Set-Cookie header value for an admin session (or for clearing it). */
export function sessionCookie(value: string | null): string {
  const isSecure = getEnv().publicUrl.startsWith("https:");
  const attributes = ["Path=/", "HttpOnly", "SameSite=Strict", isSecure ? "Secure" : null].filter(Boolean).join("; ");
  return value === null
    ? `${SESSION_COOKIE}=; Max-Age=0; ${attributes}`
    : `${SESSION_COOKIE}=${encodeURIComponent(value)}; Max-Age=${60 * 60 * 12}; ${attributes}`;
}
