import type { Announcement } from "../announcements/types";
import type { Store } from "../store";
import type { EmergencyEntryKind } from "../store/emergency-list-store";

// A change to the global emergency lists changes announcements without touching them:
// priority is worked out at read time from the lists, so every post already stored by
// an account (or with a hashtag) becomes an emergency, or stops being one, on the
// store's next read. What this adds is the announcing: the shown announcements whose
// priority flipped are handed back, and the write path (announcement-changes.ts)
// publishes an update for each, so caches on every instance empty, screens redraw, and
// CAP and Web Push follow.

/** How far back a change looks for announcements to announce again (CAP looks no further). */
const ANNOUNCE_LIMIT = 500;

/** One entry of a list, normalised (@alerts@council.example, flood). */
export interface EmergencyEntryRef {
  kind: EmergencyEntryKind;
  value: string;
}

export interface EmergencyListChange {
  add: EmergencyEntryRef[];
  remove: EmergencyEntryRef[];
}

export interface EmergencyListOutcome {
  /** The entries that were added or removed (one already listed, or not listed, is left out). */
  added: EmergencyEntryRef[];
  removed: EmergencyEntryRef[];
  /** Shown announcements whose priority changed, as they read now. */
  flipped: Announcement[];
}

/** Stores a change to the lists, writes an audit entry per entry changed, and finds the announcements it flipped. */
export async function applyEmergencyListChange(store: Store, change: EmergencyListChange, who: string): Promise<EmergencyListOutcome> {
  const before = new Map((await store.listAnnouncements({ limit: ANNOUNCE_LIMIT })).map((item) => [item.id, item.priority]));
  const added: EmergencyEntryRef[] = [];
  const removed: EmergencyEntryRef[] = [];
  const at = new Date().toISOString();
  for (const entry of change.remove) {
    if (!(await store.emergencies.remove(entry.kind, entry.value))) continue;
    removed.push(entry);
    await store.moderation.appendAudit({ at, who, action: `emergency-${entry.kind}-removed`, target: describeEntry(entry), reason: null });
  }
  for (const entry of change.add) {
    if (!(await store.emergencies.add(entry.kind, entry.value, who, at))) continue;
    added.push(entry);
    await store.moderation.appendAudit({ at, who, action: `emergency-${entry.kind}-added`, target: describeEntry(entry), reason: null });
  }
  if (added.length === 0 && removed.length === 0) return { added, removed, flipped: [] };
  const after = await store.listAnnouncements({ limit: ANNOUNCE_LIMIT });
  const flipped = after.filter((item) => before.has(item.id) && before.get(item.id) !== item.priority);
  return { added, removed, flipped };
}

/** An entry as people write it: the handle, or the hashtag with its #. */
export function describeEntry(entry: EmergencyEntryRef): string {
  return entry.kind === "hashtag" ? `#${entry.value}` : entry.value;
}
