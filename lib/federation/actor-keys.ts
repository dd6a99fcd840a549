import type { Context } from "@fedify/fedify";
import { isActor, Object as APObject } from "@fedify/vocab";
import { Temporal } from "@js-temporal/polyfill";
import { getBackend } from "../store";
import { fetchRemoteJson, RemoteDocumentError } from "./remote-documents";

// Which keys an actor's own document lists (`publicKey`, `assertionMethod`): the
// only keys that may speak for it. A key document's own `owner`/`controller`
// claim proves nothing, since whoever serves the key writes it.

/** What an actor's own server said about its keys, and when. */
interface Entry {
  kind: "listed" | "gone";
  keyIds: string[];
  fetchedAt: number;
}

/** Fetched again after this long. */
const TTL_MS = 10 * 60_000;
/** A key the last answer did not list sends Crier back to the server at most this often per actor (key rotation). */
const REFRESH_INTERVAL_MS = 30_000;
/** The last answer is kept this long in the key-value store: while the server fails for a moment, it still counts. */
const KEEP = Temporal.Duration.from({ days: 30 });
const MAX_IN_MEMORY = 2_000;
const PREFIX = ["crier", "actorKeys"] as const;

const inMemory = new Map<string, Entry>();

async function fetchActorKeys(ctx: Context<void>, actorUri: string): Promise<Entry> {
  const fetchedAt = Date.now();
  let json;
  try {
    json = await fetchRemoteJson(ctx, actorUri);
  } catch (error) {
    if (error instanceof RemoteDocumentError && error.isGone) return { kind: "gone", keyIds: [], fetchedAt };
    throw error;
  }
  // Parsed as a JSON-LD processor reads it, like the activity itself, so an alias cannot hide a key.
  const parsed = await APObject.fromJsonLd(json, { contextLoader: ctx.contextLoader, documentLoader: ctx.documentLoader });
  if (!isActor(parsed) || parsed.id?.href !== actorUri) return { kind: "listed", keyIds: [], fetchedAt };
  return { kind: "listed", keyIds: [...parsed.publicKeyIds, ...parsed.assertionMethodIds].map((id) => id.href), fetchedAt };
}

async function recall(actorUri: string): Promise<Entry | undefined> {
  const cached = inMemory.get(actorUri);
  if (cached) return cached;
  const stored = (await getBackend().kv.get([...PREFIX, actorUri])) as Entry | undefined;
  if (stored) inMemory.set(actorUri, stored);
  return stored;
}

async function remember(actorUri: string, entry: Entry): Promise<void> {
  inMemory.delete(actorUri);
  inMemory.set(actorUri, entry);
  if (inMemory.size > MAX_IN_MEMORY) inMemory.delete(inMemory.keys().next().value!);
  await getBackend().kv.set([...PREFIX, actorUri], entry, { ttl: KEEP });
}

/**
 * Whether the actor's own document (fetched from its origin, fetched again after 10
 * minutes) lists `keyId`; "gone" when its server answers 404 or 410. A key the last
 * answer did not list is looked up again (at most every 30 s), so rotated keys work.
 * While the server cannot answer, its last answer (kept in the database, so across
 * restarts and instances) still counts. Throws RemoteDocumentError when the server
 * cannot be reached and never answered before.
 */
export async function isKeyListedByActor(ctx: Context<void>, actorUri: string, keyId: string): Promise<boolean | "gone"> {
  const now = Date.now();
  let entry = await recall(actorUri);
  const isStale = !entry || now - entry.fetchedAt > TTL_MS;
  const isUnlisted = entry?.kind === "listed" && !entry.keyIds.includes(keyId);
  if (isStale || (isUnlisted && now - entry!.fetchedAt > REFRESH_INTERVAL_MS)) {
    try {
      entry = await fetchActorKeys(ctx, actorUri);
      await remember(actorUri, entry);
    } catch (error) {
      // A server failing for a moment does not unsay what it said: keep using the last
      // answer (its keys cannot have been rotated by a server that is not answering).
      if (!entry || !(error instanceof RemoteDocumentError && error.isTransient)) throw error;
    }
  }
  if (entry!.kind === "gone") return "gone";
  return entry!.keyIds.includes(keyId);
}
