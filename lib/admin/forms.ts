import { getEnv } from "../env";
import { isValidCsrfToken, readAdminSession, SESSION_COOKIE, SESSION_LIFETIME_MS } from "./auth";

export { redirectAfterFailure, redirectToAdmin } from "./messages";

/** A checked admin form post: its fields, and the session it came with. */
export interface AdminForm {
  form: FormData;
  /** The session cookie's value. */
  session: string;
  /** The server-side name of the session (for its flash messages). */
  sessionKey: string;
  /** Who acts, for the audit log: the name given at sign-in with "(console)", else "console" and the first 8 characters of the session's key (base64url). */
  actor: string;
}

/** The value of one cookie of a request, or undefined. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) {
      try {
        return decodeURIComponent(value.join("="));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * Checks an admin form post: signed in (a live server-side session, cookie
 * SameSite=Strict), the session's CSRF token, and, when the browser sends one, an
 * Origin of this site. Returns the form and its session, or null when the post must be refused.
 */
export async function readAdminForm(request: Request): Promise<AdminForm | null> {
  const session = readCookie(request, SESSION_COOKIE);
  const live = await readAdminSession(session);
  if (session === undefined || live === null) return null;
  const origin = request.headers.get("origin");
  if (origin && origin !== "null" && !isSameSite(origin, request)) return null;
  const form = await request.formData().catch(() => null);
  if (!form || !isValidCsrfToken(form.get("csrf"), session)) return null;
  const { name, sessionKey } = live;
  return { form, session, sessionKey, actor: name ? `${name} (console)` : `console ${sessionKey.slice(0, 8)}` };
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
    : `${SESSION_COOKIE}=${encodeURIComponent(value)}; Max-Age=${SESSION_LIFETIME_MS / 1000}; ${attributes}`;
}
