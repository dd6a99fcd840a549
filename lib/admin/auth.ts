import { createHmac, timingSafeEqual } from "node:crypto";
import { getAdminToken } from "./token";

export const SESSION_COOKIE = "crier_admin";

function derive(purpose: string): string {
  return createHmac("sha256", getAdminToken()).update(purpose).digest("base64url");
}

function isEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Whether an API request carries `Authorization: Bearer <ADMIN_TOKEN>`. */
export function hasAdminBearer(authorization: string | null): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match !== null && isEqual(match[1]!, getAdminToken());
}

/** Whether a typed-in token is the admin token (the sign-in form). */
export function isAdminToken(candidate: string): boolean {
  return isEqual(candidate.trim(), getAdminToken());
}

/**
 * The admin session cookie's value: derived from the token, so it changes when the
 * token does, and the token itself never sits in a cookie.
 */
export function getSessionValue(): string {
  return derive("admin-session-v1");
}

/** Whether a session cookie value is valid. */
export function isAdminSession(value: string | undefined): boolean {
  return value !== undefined && isEqual(value, getSessionValue());
}

/** The anti-CSRF value every admin form carries (synchroniser token, derived from the token). */
export function getCsrfToken(): string {
  return derive("admin-csrf-v1");
}

/** Whether a form's CSRF field is right. */
export function isValidCsrfToken(value: unknown): boolean {
  return typeof value === "string" && isEqual(value, getCsrfToken());
}
