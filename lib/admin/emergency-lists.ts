import { getAnnouncementReader } from "../announcements/listing";
import { getAnnouncementChanges } from "../changes/announcement-changes";
import { describeEntry, type EmergencyEntryRef, type EmergencyListOutcome } from "../changes/emergency-list-changes";
import { getEnv } from "../env";
import { normaliseEmergencyHandle, normaliseEmergencyHashtag } from "../env-emergencies";
import { HttpError } from "../http/responses";
import { getStore } from "../store";
import type { EmergencyEntry, EmergencyEntryKind } from "../store/emergency-list-store";

// The global emergency lists as operators edit them (the console's Emergencies section
// and GET/PUT /api/admin/emergencies): validated and normalised here, stored and
// announced by the write path. EMERGENCY_ACCOUNTS and EMERGENCY_HASHTAGS stay in the
// environment; the lists in effect are those and the stored ones together.

export { describeEntry } from "../changes/emergency-list-changes";

/** The most entries of each kind the console keeps (a list longer than this is a mistake, not a plan). */
export const MAX_ENTRIES = 200;

const HANDLE = /^@[\p{L}\p{N}_.-]{1,100}@[\p{L}\p{N}.-]{1,253}(:\d{1,5})?$/u;
const HASHTAG = /^[\p{L}\p{N}_]{1,100}$/u;
const SETTING: Record<EmergencyEntryKind, string> = { account: "EMERGENCY_ACCOUNTS", hashtag: "EMERGENCY_HASHTAGS" };

/** What GET /api/admin/emergencies answers: the stored lists (what PUT replaces), the settings' and both together. */
export interface EmergencyListsView {
  accounts: string[];
  hashtags: string[];
  settings: { accounts: string[]; hashtags: string[] };
  effective: { accounts: string[]; hashtags: string[] };
}

/** Every stored entry with who added it, for the console. */
export function listStoredEmergencies(): Promise<EmergencyEntry[]> {
  return getStore().emergencies.list();
}

export async function getEmergencyLists(): Promise<EmergencyListsView> {
  const stored = await listStoredEmergencies();
  const { emergencyAccounts, emergencyHashtags } = getEnv();
  const accounts = stored.filter((entry) => entry.kind === "account").map((entry) => entry.value);
  const hashtags = stored.filter((entry) => entry.kind === "hashtag").map((entry) => entry.value);
  return {
    accounts,
    hashtags,
    settings: { accounts: emergencyAccounts, hashtags: emergencyHashtags },
    effective: { accounts: [...new Set([...emergencyAccounts, ...accounts])], hashtags: [...new Set([...emergencyHashtags, ...hashtags])] },
  };
}

/** An entry as typed, normalised (@Alerts@Council.Example → @alerts@council.example, #Flood → flood), or a 400 that says why not. */
export function parseEntry(kind: EmergencyEntryKind, input: unknown): EmergencyEntryRef {
  const text = typeof input === "string" ? input : "";
  const shown = JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
  if (kind === "account") {
    const value = normaliseEmergencyHandle(text);
    if (!HANDLE.test(value)) throw new HttpError(400, `${shown} is not an account handle: write it as @name@server, like @alerts@council.example.`);
    return { kind, value };
  }
  const value = normaliseEmergencyHashtag(text);
  if (!HASHTAG.test(value)) throw new HttpError(400, `${shown} is not a hashtag: letters, digits and _ only (at most 100), like #Flood.`);
  return { kind, value };
}

/** The list of a kind that EMERGENCY_ACCOUNTS or EMERGENCY_HASHTAGS sets. */
function fromSettings(kind: EmergencyEntryKind): string[] {
  return kind === "account" ? getEnv().emergencyAccounts : getEnv().emergencyHashtags;
}

function refuseSetting(entry: EmergencyEntryRef): void {
  if (fromSettings(entry.kind).includes(entry.value)) throw new HttpError(409, `${describeEntry(entry)} is set in ${SETTING[entry.kind]} already, so it is an emergency everywhere whatever the console lists.`);
}

/** Adds one entry (the console's add forms); 409 when it is listed already. */
export async function addEmergencyEntry(kind: EmergencyEntryKind, input: unknown, who: string): Promise<EmergencyListOutcome> {
  const entry = parseEntry(kind, input);
  refuseSetting(entry);
  const stored = await listStoredEmergencies();
  if (stored.some((known) => known.kind === kind && known.value === entry.value)) throw new HttpError(409, `${describeEntry(entry)} is on the list already.`);
  if (stored.filter((known) => known.kind === kind).length >= MAX_ENTRIES) throw new HttpError(400, `The console keeps at most ${MAX_ENTRIES} emergency ${kind === "account" ? "accounts" : "hashtags"}; remove one first.`);
  return change({ add: [entry], remove: [] }, who);
}

/** Removes one entry (the console's remove buttons); 404 when it is not stored. */
export async function removeEmergencyEntry(kind: EmergencyEntryKind, input: unknown, who: string): Promise<EmergencyListOutcome> {
  const entry = parseEntry(kind, input);
  const outcome = await change({ add: [], remove: [entry] }, who);
  if (outcome.removed.length === 0) {
    throw new HttpError(404, fromSettings(kind).includes(entry.value)
      ? `${describeEntry(entry)} is set in ${SETTING[kind]}; change that setting (and restart) to remove it.`
      : `${describeEntry(entry)} is not on the list.`);
  }
  return outcome;
}

/** PUT /api/admin/emergencies: replaces the stored lists the body names ({"accounts":[…]}, {"hashtags":[…]} or both); a list left out stays. */
export async function replaceEmergencyLists(body: unknown, who: string): Promise<EmergencyListsView> {
  if (typeof body !== "object" || body === null || Array.isArray(body) || !("accounts" in body || "hashtags" in body)) {
    throw new HttpError(400, 'Send JSON like {"accounts":["@alerts@council.example"],"hashtags":["Flood"]}; a list left out stays as it is.');
  }
  const wanted = { account: readList(body, "accounts", "account"), hashtag: readList(body, "hashtags", "hashtag") };
  const stored = await listStoredEmergencies();
  const add: EmergencyEntryRef[] = [];
  const remove: EmergencyEntryRef[] = [];
  for (const kind of ["account", "hashtag"] as const) {
    const entries = wanted[kind];
    if (entries === null) continue;
    const values = new Set(entries.map((entry) => entry.value));
    const current = stored.filter((entry) => entry.kind === kind);
    remove.push(...current.filter((entry) => !values.has(entry.value)).map(({ value }) => ({ kind, value })));
    add.push(...[...values].filter((value) => !current.some((entry) => entry.value === value)).map((value) => ({ kind, value })));
  }
  await change({ add, remove }, who);
  return getEmergencyLists();
}

function readList(body: object, key: "accounts" | "hashtags", kind: EmergencyEntryKind): EmergencyEntryRef[] | null {
  if (!(key in body)) return null;
  const value = (body as Record<string, unknown>)[key];
  const example = kind === "account" ? '["@alerts@council.example"]' : '["Flood"]';
  if (!Array.isArray(value)) throw new HttpError(400, `${key} must be a list, like ${example}.`);
  if (value.length > MAX_ENTRIES) throw new HttpError(400, `${key} may list at most ${MAX_ENTRIES}.`);
  const entries = value.map((item) => parseEntry(kind, item));
  entries.forEach(refuseSetting);
  return entries;
}

async function change(request: { add: EmergencyEntryRef[]; remove: EmergencyEntryRef[] }, who: string): Promise<EmergencyListOutcome> {
  const outcome = await getAnnouncementChanges().changeEmergencyLists(request, { who });
  // Older posts than the write path announces again may be cached here too: this instance's next read is fresh.
  if (outcome.added.length > 0 || outcome.removed.length > 0) getAnnouncementReader().invalidate();
  return outcome;
}
