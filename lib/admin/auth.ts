import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getStore } from "../store";
import type { Store } from "../store/types";
import { getAdminToken } from "./token";

export const SESSION_COOKIE = "crier_admin";
/** A console session ends on the server this long after sign-in, whatever the browser keeps. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60_000;

const SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** What session checks run against; tests pass their own store, key and clock. */
export interface SessionContext {
  store?: Store;
  /** Keys the stored hashes: sessions end when the admin token changes. */
  key?: string;
  now?: number;
}

function derive(key: string, purpose: string): string {
  return createHmac("sha256", key).update(purpose).digest("base64url");
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

/** The key a session is known by on the server (and in the flash messages): never the cookie itself. */
export function getSessionKey(cookieValue: string, key = getAdminToken()): string {
  return derive(key, `admin-session-v2:${cookieValue}`);
}

/**
 * Starts a console session: stores a hash of a fresh random id, with the name the operator
 * gave (for the audit log; "" for none), and answers the id, the cookie's value.
 */
export async function startAdminSession({ store = getStore(), key = getAdminToken(), now = Date.now(), name = "" }: SessionContext & { name?: string } = {}): Promise<string> {
  const id = randomBytes(32).toString("base64url");
  await store.createAdminSession(getSessionKey(id, key), new Date(now + SESSION_LIFETIME_MS).toISOString(), new Date(now).toISOString(), name);
  return id;
}

/** The live session a cookie names (one the server started, has not ended and that has not expired): its operator's name and its key; or null. */
export async function readAdminSession(value: string | undefined, { store = getStore(), key = getAdminToken(), now = Date.now() }: SessionContext = {}): Promise<{ name: string; sessionKey: string } | null> {
  if (value === undefined || !SESSION_ID_PATTERN.test(value)) return null;
  const sessionKey = getSessionKey(value, key);
  const session = await store.getAdminSession(sessionKey);
  return session !== null && Date.parse(session.expiresAt) > now ? { name: session.name, sessionKey } : null;
}

/** Whether a session cookie names a live session (readAdminSession). */
export async function isAdminSession(value: string | undefined, context: SessionContext = {}): Promise<boolean> {
  return (await readAdminSession(value, context)) !== null;
}

/**
 * The name an operator gives at sign-in, as the audit log shows it: control and
 * formatting characters out, spaces collapsed, at most 60 characters; "" for none.
 */
export function normaliseOperatorName(value: unknown): string {
  if (typeof value !== "string") return "";
  return [...value.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, " ").replace(/\s+/g, " ").trim()].slice(0, 60).join("").trim();
}

/** Ends a session on the server: a copy of its cookie is refused from now on. */
export async function endAdminSession(value: string | undefined, { store = getStore(), key = getAdminToken() }: SessionContext = {}): Promise<void> {
  if (value !== undefined && SESSION_ID_PATTERN.test(value)) await store.deleteAdminSession(getSessionKey(value, key));
}

/** The anti-CSRF value the forms of one session carry (synchroniser token, derived from the token and the session). */
export function getCsrfToken(sessionValue: string): string {
  return derive(getAdminToken(), `admin-csrf-v2:${sessionValue}`);
}

/** Whether a form's CSRF field is right for its session. */
export function isValidCsrfToken(value: unknown, sessionValue: string): boolean {
  return typeof value === "string" && isEqual(value, getCsrfToken(sessionValue));
}
