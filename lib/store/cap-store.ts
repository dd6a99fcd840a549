// What Crier keeps for CAP (issue 14): each CAP message it published about an
// announcement (so an Update or Cancel can reference the earlier ones, and every
// instance hands out the same identifiers), and the CAP sources it reads.

export type CapMessageType = "Alert" | "Update" | "Cancel";

/** One CAP message Crier published about an announcement; `seq` counts from 1. */
export interface CapVersion {
  announcementId: string;
  seq: number;
  identifier: string;
  msgType: CapMessageType;
  /** CAP dateTime (2026-12-06T18:40:00+00:00). */
  sent: string;
  /** What the message said (a hash of the announcement's shown fields), so only a change makes an Update. */
  fingerprint: string;
  /** CAP dateTime the alert expires, or null for a Cancel. */
  expires: string | null;
  /** The alert's language and headline (a Cancel repeats its alert's), for the push message that goes with it. */
  language: string | null;
  headline: string | null;
}

export type CapSourceState = "pending" | "ok" | "error";

/** A CAP feed or file Crier reads. `area` is a CAP polygon ("lat,lon lat,lon …"), or null for everywhere. */
export interface CapSource {
  id: string;
  kind: "cap";
  url: string;
  name: string;
  minSeverity: string;
  area: string | null;
  paused: boolean;
  state: CapSourceState;
  reason: string | null;
  etag: string | null;
  lastModified: string | null;
  lastPolledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type CapSourceInput = Pick<CapSource, "url" | "name" | "minSeverity" | "area">;
export type CapSourcePatch = Partial<Pick<CapSource, "paused" | "state" | "reason" | "etag" | "lastModified" | "lastPolledAt">>;

/** The CAP part of the store; SQLite and PostgreSQL pass the same contract tests. */
export interface CapStore {
  /** Every message about one announcement, oldest first. */
  listVersions(announcementId: string): Promise<CapVersion[]>;
  /** The newest message of every announcement that has one. */
  listLatestVersions(): Promise<CapVersion[]>;
  /** Records a message; false when another instance recorded that `seq` first. */
  addVersion(version: CapVersion): Promise<boolean>;

  /** Adds a source; null when one with that URL exists. */
  createSource(input: CapSourceInput): Promise<CapSource | null>;
  listSources(): Promise<CapSource[]>;
  getSource(id: string): Promise<CapSource | null>;
  updateSource(id: string, patch: CapSourcePatch): Promise<CapSource | null>;
  deleteSource(id: string): Promise<boolean>;
}

export interface CapVersionRow {
  announcement_id: string;
  seq: number;
  identifier: string;
  msg_type: string;
  sent: string;
  fingerprint: string;
  expires: string | null;
  language: string | null;
  headline: string | null;
}

export interface CapSourceRow {
  id: string;
  kind: string;
  url: string;
  name: string;
  min_severity: string;
  area: string | null;
  paused: number | boolean;
  state: string;
  reason: string | null;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  created_at: string;
  updated_at: string;
}

export function toCapVersion(row: CapVersionRow): CapVersion {
  return { announcementId: row.announcement_id, seq: Number(row.seq), identifier: row.identifier, msgType: row.msg_type as CapMessageType, sent: row.sent, fingerprint: row.fingerprint, expires: row.expires, language: row.language, headline: row.headline };
}

export function toCapSource(row: CapSourceRow): CapSource {
  return {
    id: row.id, kind: "cap", url: row.url, name: row.name, minSeverity: row.min_severity, area: row.area, paused: Boolean(row.paused),
    state: row.state as CapSourceState, reason: row.reason, etag: row.etag, lastModified: row.last_modified, lastPolledAt: row.last_polled_at,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** Column names of the patchable fields. */
export const CAP_SOURCE_COLUMNS: Record<keyof CapSourcePatch, string> = {
  paused: "paused", state: "state", reason: "reason", etag: "etag", lastModified: "last_modified", lastPolledAt: "last_polled_at",
};

/** The tables of issue 14 (CAP and Web Push), the same on SQLite and PostgreSQL (one migration each). */
export const CAP_TABLES_SQL = `
  CREATE TABLE cap_versions (
    announcement_id TEXT NOT NULL, seq INTEGER NOT NULL, identifier TEXT NOT NULL, msg_type TEXT NOT NULL,
    sent TEXT NOT NULL, fingerprint TEXT NOT NULL, expires TEXT, language TEXT, headline TEXT, PRIMARY KEY (announcement_id, seq));
  CREATE TABLE cap_sources (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, url TEXT NOT NULL UNIQUE, name TEXT NOT NULL, min_severity TEXT NOT NULL,
    area TEXT, paused BOOLEAN NOT NULL DEFAULT FALSE, state TEXT NOT NULL, reason TEXT, etag TEXT, last_modified TEXT,
    last_polled_at TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
  CREATE TABLE push_subscriptions (
    id TEXT PRIMARY KEY, endpoint TEXT NOT NULL UNIQUE, p256dh TEXT NOT NULL, auth TEXT NOT NULL, language TEXT,
    created_at TEXT NOT NULL);`;
