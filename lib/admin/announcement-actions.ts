import { getAnnouncementForAdmin, listAnnouncementsForAdmin } from "../announcements/listing";
import { getAnnouncementChanges, type OperatorAction } from "../changes/announcement-changes";
import { getShowUntilTimer } from "../changes/show-until-timer";
import { getEnv } from "../env";
import { HttpError, parseIntegerParam } from "../http/responses";
import { readLocalInput } from "../zoned-time";
import { getScreenFeedCandidates } from "../signage/approvals";
import { getScreenConfig } from "../signage/screens";
import { getStore } from "../store";
import type { AdminAnnouncementItem, AdminState, AuditEntry } from "../store/moderation-store";
import { BOOST_SETTINGS, type BoostSetting, type Subscription } from "../store/types";

// The operator actions of the admin API (and, later, the console): validate, act through
// the write path (which logs and announces), and answer 404 or 400 with a sentence.

const STATES: readonly AdminState[] = ["shown", "hidden", "reply", "expired"];
const ACTIONS = ["hide", "unhide", "pin", "unpin"] as const;
export type AnnouncementAction = (typeof ACTIONS)[number];
const MAX_REASON = 500;

/** GET /api/admin/announcements: ?state=&account=&limit=&before=. */
export async function listAdminAnnouncements(url: URL): Promise<{ items: AdminAnnouncementItem[] }> {
  const state = url.searchParams.get("state") || undefined;
  if (state !== undefined && !STATES.includes(state as AdminState)) throw new HttpError(400, `state must be one of ${STATES.join(", ")}.`);
  const limit = parseIntegerParam(url.searchParams.get("limit"), "limit", 50, 1, 200);
  const items = await listAnnouncementsForAdmin({ state: state as AdminState | undefined, account: url.searchParams.get("account"), limit, before: url.searchParams.get("before") });
  return { items };
}

/** POST /api/admin/announcements/{id}/{hide|unhide|pin|unpin}, with an optional {"reason"}. */
export async function applyAnnouncementAction(id: string, action: string, body: unknown, who: string): Promise<AdminAnnouncementItem> {
  if (!ACTIONS.includes(action as AnnouncementAction)) throw new HttpError(404, `No action "${action.slice(0, 40)}"; there are ${ACTIONS.join(", ")}.`);
  const operator: OperatorAction = { who, reason: readReason(body) };
  const changes = getAnnouncementChanges();
  const item = await changes[action as AnnouncementAction](id, operator);
  return found(item);
}

/** PATCH /api/admin/announcements/{id} {"showUntil": ISO | null}. */
export async function patchAnnouncement(id: string, body: unknown, who: string): Promise<AdminAnnouncementItem> {
  if (!isObject(body) || !("showUntil" in body)) throw new HttpError(400, 'Send JSON like {"showUntil":"2026-12-24T18:00:00Z"} (or null to show it without an end).');
  const value = body.showUntil;
  let showUntil: string | null = null;
  if (value !== null) {
    const text = typeof value === "string" ? value.trim() : "";
    let ms = Number.NaN;
    if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(text)) {
      if (/^\d{4}-\d{2}-\d{2}T/.test(text)) ms = Date.parse(text);
    } else if (text !== "") {
      // Without "Z" or an offset it is a wall-clock time in TIME_ZONE, as the console reads its field (never the server process's own zone).
      const local = readLocalInput(text, getEnv().timeZone);
      if (!local.isValid && local.reason === "nonexistent") throw new HttpError(400, local.message);
      if (local.isValid) ms = Date.parse(local.iso);
    }
    if (!Number.isFinite(ms)) throw new HttpError(400, "showUntil must be a date and time like 2026-12-24T18:00:00Z, or null.");
    showUntil = new Date(ms).toISOString();
  }
  const item = found(await getAnnouncementChanges().setShowUntil(id, showUntil, { who, reason: readReason(body) }));
  getShowUntilTimer().reschedule();
  return item;
}

/** GET /api/admin/audit?limit=&before=. */
export async function listAudit(url: URL): Promise<{ items: Omit<AuditEntry, "seq">[]; next: number | null }> {
  const limit = parseIntegerParam(url.searchParams.get("limit"), "limit", 50, 1, 500);
  const before = url.searchParams.get("before");
  const entries = await getStore().moderation.listAudit({ limit, before: before ? parseIntegerParam(before, "before", 0, 1, Number.MAX_SAFE_INTEGER) : undefined });
  return { items: entries.map(({ seq, ...entry }) => ({ id: seq, ...entry })), next: entries.length === limit ? (entries.at(-1)?.seq ?? null) : null };
}

/** GET /api/admin/screens/{name}/approvals: what waits for an operator on a screen. */
export async function listWaitingApprovals(screen: string): Promise<{ items: AdminAnnouncementItem[] }> {
  const config = await getScreenConfig(screen);
  const { waiting } = await getScreenFeedCandidates(config);
  const items: AdminAnnouncementItem[] = [];
  for (const announcement of waiting) {
    const item = await getAnnouncementForAdmin(announcement.id);
    if (item) items.push(item);
  }
  return { items };
}

/** POST (approve) or DELETE (decline) /api/admin/screens/{name}/approvals/{id}. */
export async function decideApproval(screen: string, id: string, decision: "approved" | "declined", who: string): Promise<AdminAnnouncementItem> {
  await getScreenConfig(screen);
  return found(await getAnnouncementChanges().decideApproval(screen, id, decision, { who }));
}

/** PATCH (or POST) /api/admin/subscriptions/{id} {"boosts": "none" | "trusted" | "all"}. */
export async function patchSubscription(id: string, body: unknown, who: string): Promise<Subscription> {
  const store = getStore();
  if (!(await store.getSubscription(id))) throw new HttpError(404, "No subscription with that id.");
  const boosts = isObject(body) ? body.boosts : undefined;
  if (!BOOST_SETTINGS.includes(boosts as BoostSetting)) throw new HttpError(400, 'boosts must be "none", "trusted" (accounts on TRUSTED_DOMAINS) or "all".');
  const updated = (await store.updateSubscription(id, { boosts: boosts as BoostSetting }))!;
  await store.moderation.appendAudit({ at: new Date().toISOString(), who, action: `boosts ${String(boosts)}`, target: `subscription ${updated.handle}`, reason: null });
  return updated;
}

function readReason(body: unknown): string | null {
  if (!isObject(body) || body.reason === undefined || body.reason === null) return null;
  if (typeof body.reason !== "string") throw new HttpError(400, "reason must be text.");
  if (body.reason.length > MAX_REASON) throw new HttpError(400, `reason may be at most ${MAX_REASON} characters.`);
  return body.reason.trim() || null;
}

function found(item: AdminAnnouncementItem | null): AdminAnnouncementItem {
  if (!item) throw new HttpError(404, "No announcement with that id.");
  return item;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
