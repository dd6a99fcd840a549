import { getEnv } from "../env";
import { getRuntimePart } from "../runtime/registry";

// /admin shows messages by code: a link someone else made can only pick one of these
// sentences, never put its own words on the operator's screen. Details (a validation
// message, a new device's secret) travel server-side, in a flash kept for the session.

export const ADMIN_NOTICES = {
  "signed-out": "Signed out.",
  "follow-sent": "Follow request sent; the account appears as “Following” once it accepts.",
  unfollowed: "Unfollowed; its announcements are no longer shown.",
  "screen-saved": "Saved the screen; its devices pick the change up within a minute (or reload them).",
  "screen-deleted": "Deleted the screen.",
  "reload-requested": "Asked the screen's devices to reload at their next heartbeat (within 30 s).",
  "device-added": "Added the device. Copy its secret now: it is shown only this once.",
  "device-revoked": "Revoked the device: its heartbeats are refused from now on.",
  "lexicon-saved": "Saved the lexicon.",
  "source-added": "Added the CAP source; Crier reads it within a minute.",
  "source-paused": "Paused the CAP source: Crier does not read it until you resume it.",
  "source-resumed": "Resumed the CAP source.",
  "source-removed": "Removed the CAP source; its alerts leave every screen.",
  "boosts-saved": "Saved which boosts of the account are shown; boosts from now on follow it.",
  "announcement-changed": "Done: every screen, page and feed follows within 2 seconds.",
  "emergency-added": "Added to the emergency list: its posts are emergencies on every screen, in the API, in CAP and in Web Push from now on.",
  "emergency-removed": "Removed from the emergency list: its posts are ordinary announcements again (CAP publishes a Cancel).",
} as const;

export const ADMIN_ERRORS = {
  "bad-token": "That is not the admin token.",
  "too-many-attempts": "Too many failed sign-ins from here or in total: wait a minute, then try again.",
  "form-refused": "That form was refused: sign in again and retry.",
  "session-ended": "Your session ended; sign in again.",
  "action-failed": "That did not work.",
} as const;

export type AdminNotice = keyof typeof ADMIN_NOTICES;
export type AdminError = keyof typeof ADMIN_ERRORS;

/** A device secret shown once, right after "add device". */
export interface IssuedSecret { screen: string; device: string; secret: string }
/** What one session's next /admin page shows besides the fixed sentence. */
export interface AdminFlash { detail?: string; issued?: IssuedSecret }

const MAX_FLASHES = 100;
const FLASH_TTL_MS = 5 * 60_000;

function getFlashes(): Map<string, AdminFlash & { at: number }> {
  return getRuntimePart("admin-flashes", () => new Map<string, AdminFlash & { at: number }>());
}

/** Keeps a detail for the next /admin page of one session (bounded; oldest out). */
export function setAdminFlash(sessionKey: string, flash: AdminFlash): void {
  const flashes = getFlashes();
  flashes.delete(sessionKey);
  flashes.set(sessionKey, { ...flash, at: Date.now() });
  while (flashes.size > MAX_FLASHES) flashes.delete(flashes.keys().next().value!);
}

/** Takes (and forgets) a session's flash; a secret is shown once only. */
export function takeAdminFlash(sessionKey: string): AdminFlash | null {
  const flashes = getFlashes();
  const flash = flashes.get(sessionKey);
  flashes.delete(sessionKey);
  return flash && Date.now() - flash.at < FLASH_TTL_MS ? flash : null;
}

/** The fixed sentence for a code from the query string; null for anything else. */
export function describeAdminMessage(notice: string | undefined, error: string | undefined): { kind: "notice" | "error"; text: string } | null {
  if (error && Object.hasOwn(ADMIN_ERRORS, error)) return { kind: "error", text: ADMIN_ERRORS[error as AdminError] };
  if (notice && Object.hasOwn(ADMIN_NOTICES, notice)) return { kind: "notice", text: ADMIN_NOTICES[notice as AdminNotice] };
  return null;
}

/** The 303 back to /admin after a form post, carrying a message code (and a flash for the session, if any). */
export function redirectToAdmin(message?: { notice: AdminNotice } | { error: AdminError }, flash?: { sessionKey: string } & AdminFlash): Response {
  return redirectToAdminPage("/admin", message, flash);
}

/** The 303 back to an admin page (a path of this site under /admin) after a form post, as redirectToAdmin. */
export function redirectToAdminPage(path: string, message?: { notice: AdminNotice } | { error: AdminError }, flash?: { sessionKey: string } & AdminFlash): Response {
  const url = new URL(path.startsWith("/admin") ? path : "/admin", getEnv().publicUrl);
  if (message && "notice" in message) url.searchParams.set("notice", message.notice);
  if (message && "error" in message) url.searchParams.set("error", message.error);
  if (flash) {
    const { sessionKey, ...rest } = flash;
    setAdminFlash(sessionKey, rest);
  }
  return new Response(null, { status: 303, headers: { location: url.pathname + url.search } });
}

/** The 303 back to /admin after an action that failed; its reason is shown to this session only. */
export function redirectAfterFailure(sessionKey: string, error: unknown): Response {
  return redirectToAdmin({ error: "action-failed" }, { sessionKey, detail: (error as Error).message });
}
