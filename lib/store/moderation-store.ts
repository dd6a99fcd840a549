import type { Announcement, AnnouncementDraft } from "../announcements/types";
import { getAnnouncementId } from "../announcements/announcement-id";
import { assembleAnnouncement, hashAnnouncementData, toAnnouncementData, type AnnouncementData } from "./announcement-rows";
import { CONTROLS_JOIN, isVisibleSql, type SqlRunner } from "./moderation-sql";
import { withoutNul } from "./without-nul";
import { GLOBAL_EMERGENCIES_COLUMN } from "./emergency-list-store";
import type { AnnouncementInput } from "./types";

// The conversation rules' and operators' part of the store, one implementation over
// SQLite and PostgreSQL (SqlRunner): each post as its author sent it (threads are joined
// from these), replies kept out of sight, what operators decided, and their audit log.

/** How a post takes part in a conversation: a thread's first post, a later part of it, or a reply to someone else. */
export type PostKind = "root" | "part" | "reply";

/** A post as its author sent it, kept so a thread can be joined again after any part changes. */
export interface PostSource {
  uri: string;
  accountUri: string;
  viaUri: string | null;
  inReplyTo: string | null;
  kind: PostKind;
  /** The thread's first post, for parts; null otherwise. */
  rootUri: string | null;
  published: string;
  language: string | null;
  draft: AnnouncementDraft;
  isRemoved: boolean;
}

export type AdminState = "shown" | "hidden" | "reply" | "expired";

/** What operators decided about one announcement. */
export interface AnnouncementControl {
  isHidden: boolean;
  hiddenReason: string | null;
  pinnedAt: string | null;
  showUntil: string | null;
}

export interface AdminAnnouncementItem {
  announcement: Announcement;
  state: AdminState;
  pinned: boolean;
  showUntil: string | null;
  hiddenReason: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  who: string;
  action: string;
  target: string;
  reason: string | null;
}

export type ApprovalDecision = "approved" | "declined";

interface SourceRow { uri: string; account_uri: string; via_uri: string | null; in_reply_to: string | null; kind: PostKind; root_uri: string | null; published: string; language: string | null; draft: string; removed: number }
interface AdminRow { id: string; account_uri: string; data: string; removed: string | null; handle: string | null; name: string | null; url: string | null; avatar_url: string | null; hidden: number | null; hidden_reason: string | null; pinned_at: string | null; show_until: string | null; global_emergencies: string | null }

const NOT_REMOVED = "a.removed IS NULL";
const SELECT_ADMIN = `SELECT a.id, a.account_uri, a.data, a.removed, ac.handle, ac.name, ac.url, ac.avatar_url, ${GLOBAL_EMERGENCIES_COLUMN},
  c.hidden, c.hidden_reason, c.pinned_at, c.show_until
  FROM announcements a LEFT JOIN accounts ac ON ac.uri = a.account_uri ${CONTROLS_JOIN}`;

/** Conversation sources, operator controls, approvals and the audit log, over either database. */
export class ModerationStore {
  readonly #sql: SqlRunner;
  readonly #isOfficialHandle: (handle: string) => boolean;

  constructor(sql: SqlRunner, isOfficialHandle: (handle: string) => boolean) {
    this.#sql = sql;
    this.#isOfficialHandle = isOfficialHandle;
  }

  async getSource(uri: string): Promise<PostSource | null> {
    const [row] = await this.#sql.all<SourceRow>("SELECT * FROM post_sources WHERE uri = $1", [uri]);
    return row ? toSource(row) : null;
  }

  /** Keeps (or replaces) a post as its author sent it; a removed one stays removed. */
  async putSource(source: Omit<PostSource, "isRemoved">): Promise<void> {
    await this.#sql.run(
      `INSERT INTO post_sources (uri, account_uri, via_uri, in_reply_to, kind, root_uri, published, language, draft, removed)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0)
       ON CONFLICT (uri) DO UPDATE SET account_uri = excluded.account_uri, via_uri = excluded.via_uri, in_reply_to = excluded.in_reply_to,
         kind = excluded.kind, root_uri = excluded.root_uri, published = excluded.published, language = excluded.language, draft = excluded.draft`,
      [source.uri, source.accountUri, source.viaUri, source.inReplyTo, source.kind, source.rootUri, source.published, source.language, withoutNul(JSON.stringify(source.draft))],
    );
  }

  /** The parts of a thread after its first post, oldest first (removed ones left out). */
  async listThreadParts(rootUri: string): Promise<PostSource[]> {
    const rows = await this.#sql.all<SourceRow>("SELECT * FROM post_sources WHERE root_uri = $1 AND kind = 'part' AND removed = 0 ORDER BY published, uri LIMIT 50", [rootUri]);
    return rows.map(toSource);
  }

  /**
   * Makes the replies an account wrote to `parentUri` (kept out of sight because their
   * parent was unknown) parts of the thread `rootUri`, and their replies in turn.
   */
  async adoptReplies(parentUri: string, accountUri: string, rootUri: string): Promise<string[]> {
    const adopted: string[] = [];
    let parents = [parentUri];
    for (let depth = 0; parents.length > 0 && depth < 100; depth++) {
      const next: string[] = [];
      for (const parent of parents) {
        const rows = await this.#sql.all<{ uri: string }>("SELECT uri FROM post_sources WHERE in_reply_to = $1 AND account_uri = $2 AND kind = 'reply'", [parent, accountUri]);
        for (const { uri } of rows) {
          await this.#sql.run("UPDATE post_sources SET kind = 'part', root_uri = $2 WHERE uri = $1", [uri, rootUri]);
          await this.#sql.run("UPDATE announcements SET removed = 'part' WHERE uri = $1 AND removed = 'reply'", [uri]);
          next.push(uri);
        }
      }
      adopted.push(...next);
      parents = next;
    }
    return adopted;
  }

  async markSourceRemoved(uri: string): Promise<void> {
    await this.#sql.run("UPDATE post_sources SET removed = 1 WHERE uri = $1", [uri]);
  }

  /**
   * Archives a reply to someone else: kept (the console lists it), never shown. Answers
   * the announcement that was shown under the same IRI until now, if there was one.
   */
  async putReply(input: AnnouncementInput): Promise<Pick<Announcement, "id" | "uri"> | null> {
    const [existing] = await this.#sql.all<{ id: string; removed: string | null }>("SELECT id, removed FROM announcements WHERE uri = $1", [input.draft.uri]);
    if (existing?.removed === "deleted") return null;
    const data = toAnnouncementData(input);
    const id = existing?.id ?? getAnnouncementId(input.draft.uri);
    await this.#sql.run(
      `INSERT INTO announcements (id, uri, account_uri, via_uri, published, data, content_hash, removed, version, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'reply', 1, $8)
       ON CONFLICT (uri) DO UPDATE SET data = excluded.data, content_hash = excluded.content_hash, published = excluded.published,
         removed = 'reply', version = announcements.version + 1`,
      [id, input.draft.uri, input.accountUri, input.viaUri, data.published, withoutNul(JSON.stringify(data)), hashAnnouncementData(data), new Date().toISOString()],
    );
    return existing && existing.removed === null ? { id, uri: input.draft.uri } : null;
  }

  /** A reply or thread part its author deleted: gone from the console too. */
  async deleteUnshown(uri: string): Promise<void> {
    await this.#sql.run("UPDATE announcements SET removed = 'deleted' WHERE uri = $1 AND removed IN ('reply', 'part')", [uri]);
  }

  async getControl(id: string): Promise<AnnouncementControl | null> {
    const [row] = await this.#sql.all<{ hidden: number; hidden_reason: string | null; pinned_at: string | null; show_until: string | null }>(
      "SELECT * FROM announcement_controls WHERE announcement_id = $1", [id]);
    return row ? { isHidden: Number(row.hidden) === 1, hiddenReason: row.hidden_reason, pinnedAt: row.pinned_at, showUntil: row.show_until } : null;
  }

  /** Changes what operators decided about an announcement (fields left out stay as they were). */
  async setControl(id: string, patch: Partial<AnnouncementControl>): Promise<AnnouncementControl> {
    const current = (await this.getControl(id)) ?? { isHidden: false, hiddenReason: null, pinnedAt: null, showUntil: null };
    const next = { ...current, ...patch };
    await this.#sql.run(
      `INSERT INTO announcement_controls (announcement_id, hidden, hidden_reason, pinned_at, show_until) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (announcement_id) DO UPDATE SET hidden = excluded.hidden, hidden_reason = excluded.hidden_reason,
         pinned_at = excluded.pinned_at, show_until = excluded.show_until`,
      [id, next.isHidden ? 1 : 0, next.hiddenReason === null ? null : withoutNul(next.hiddenReason), next.pinnedAt, next.showUntil],
    );
    return next;
  }

  /** Pinned announcements on public channels now (most recently pinned first), optionally one account's. */
  async listPinned(options: { accountHandle?: string; now: string }): Promise<Announcement[]> {
    const values: unknown[] = [options.now];
    const where = [NOT_REMOVED, "c.pinned_at IS NOT NULL", isVisibleSql("$1")];
    if (options.accountHandle) {
      values.push(options.accountHandle);
      where.push(`lower(ac.handle) = lower($${values.length})`);
    }
    const rows = await this.#sql.all<AdminRow>(`${SELECT_ADMIN} WHERE ${where.join(" AND ")} ORDER BY c.pinned_at DESC, a.id LIMIT 50`, values);
    return rows.map((row) => ({ ...this.#toAnnouncement(row), pinned: true as const }));
  }

  /** The console's list: every announcement and archived reply, newest first, with its state. */
  async listForAdmin(options: { state?: AdminState; accountHandle?: string; limit: number; beforeId?: string; now: string }): Promise<AdminAnnouncementItem[]> {
    const values: unknown[] = [];
    // Numbers a value's placeholder as it is used (PostgreSQL refuses placeholders it cannot type).
    const param = (value: unknown) => {
      values.push(value);
      return `$${values.length}`;
    };
    const where = ["(a.removed IS NULL OR a.removed = 'reply')"];
    if (options.state === "reply") where.push("a.removed = 'reply'");
    if (options.state === "shown") where.push(`${NOT_REMOVED} AND ${isVisibleSql(param(options.now))}`);
    if (options.state === "hidden") where.push(`${NOT_REMOVED} AND c.hidden = 1`);
    if (options.state === "expired") where.push(`${NOT_REMOVED} AND c.hidden = 0 AND c.show_until <= ${param(options.now)}`);
    if (options.accountHandle) where.push(`lower(ac.handle) = lower(${param(options.accountHandle.replace(/^@?/, "@"))})`);
    if (options.beforeId) where.push(`(a.published, a.id) < (SELECT published, id FROM announcements WHERE id = ${param(options.beforeId)})`);
    const limit = param(options.limit);
    const rows = await this.#sql.all<AdminRow>(`${SELECT_ADMIN} WHERE ${where.join(" AND ")} ORDER BY a.published DESC, a.id DESC LIMIT ${limit}`, values);
    return rows.map((row) => this.#toItem(row, options.now));
  }

  /** One announcement whatever its state (the console's 404 check), or null when there is none. */
  async getForAdmin(id: string, now: string): Promise<AdminAnnouncementItem | null> {
    const [row] = await this.#sql.all<AdminRow>(`${SELECT_ADMIN} WHERE a.id = $1 AND (a.removed IS NULL OR a.removed = 'reply')`, [id]);
    return row ? this.#toItem(row, now) : null;
  }

  /** Shown announcements whose end time falls in (after, upTo]: they leave the screens now. */
  async listEndingBetween(after: string, upTo: string): Promise<Pick<Announcement, "id" | "uri">[]> {
    return this.#sql.all<{ id: string; uri: string }>(
      `SELECT a.id, a.uri FROM announcements a ${CONTROLS_JOIN} WHERE ${NOT_REMOVED} AND c.hidden = 0 AND c.show_until > $1 AND c.show_until <= $2`,
      [after, upTo],
    );
  }

  /** The next end time after `now` of a shown announcement, or null when none is set. */
  async getNextEnd(now: string): Promise<string | null> {
    const [row] = await this.#sql.all<{ next: string | null }>(
      `SELECT MIN(c.show_until) AS next FROM announcements a ${CONTROLS_JOIN} WHERE ${NOT_REMOVED} AND c.hidden = 0 AND c.show_until > $1`, [now]);
    return row?.next ?? null;
  }

  async appendAudit(entry: Omit<AuditEntry, "seq">): Promise<void> {
    await this.#sql.run("INSERT INTO audit_log (at, who, action, target, reason) VALUES ($1, $2, $3, $4, $5)",
      [entry.at, withoutNul(entry.who), entry.action, withoutNul(entry.target), entry.reason === null ? null : withoutNul(entry.reason)]);
  }

  /** Newest first; `before` is the `seq` of the last entry seen. */
  async listAudit(options: { limit: number; before?: number }): Promise<AuditEntry[]> {
    const rows = options.before === undefined
      ? await this.#sql.all<AuditEntry>("SELECT * FROM audit_log ORDER BY seq DESC LIMIT $1", [options.limit])
      : await this.#sql.all<AuditEntry>("SELECT * FROM audit_log WHERE seq < $2 ORDER BY seq DESC LIMIT $1", [options.limit, options.before]);
    return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
  }

  async setApproval(screen: string, announcementId: string, decision: ApprovalDecision): Promise<void> {
    await this.#sql.run(
      `INSERT INTO screen_approvals (screen, announcement_id, decision, decided_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (screen, announcement_id) DO UPDATE SET decision = excluded.decision, decided_at = excluded.decided_at`,
      [screen, announcementId, decision, new Date().toISOString()],
    );
  }

  /** Every decision taken for a screen, by announcement id. */
  async listApprovals(screen: string): Promise<Map<string, ApprovalDecision>> {
    const rows = await this.#sql.all<{ announcement_id: string; decision: ApprovalDecision }>("SELECT announcement_id, decision FROM screen_approvals WHERE screen = $1", [screen]);
    return new Map(rows.map((row) => [row.announcement_id, row.decision]));
  }

  #toItem(row: AdminRow, now: string): AdminAnnouncementItem {
    return { announcement: this.#toAnnouncement(row), state: stateOf(row, now), pinned: row.pinned_at !== null, showUntil: row.show_until, hiddenReason: row.hidden_reason };
  }

  #toAnnouncement(row: AdminRow): Announcement {
    const account = row.handle ? { uri: row.account_uri, handle: row.handle, name: row.name ?? row.handle, url: row.url, avatarUrl: row.avatar_url } : null;
    return assembleAnnouncement(row.id, JSON.parse(row.data) as AnnouncementData, account, row.account_uri, this.#isOfficialHandle, row.global_emergencies);
  }
}

function stateOf(row: AdminRow, now: string): AdminState {
  if (row.removed === "reply") return "reply";
  if (Number(row.hidden) === 1) return "hidden";
  if (row.show_until !== null && row.show_until <= now) return "expired";
  return "shown";
}

function toSource(row: SourceRow): PostSource {
  return {
    uri: row.uri, accountUri: row.account_uri, viaUri: row.via_uri, inReplyTo: row.in_reply_to, kind: row.kind, rootUri: row.root_uri,
    published: row.published, language: row.language, draft: JSON.parse(row.draft) as AnnouncementDraft, isRemoved: Number(row.removed) === 1,
  };
}
