import type { Context } from "@fedify/fedify";
import { isActor, Object as APObject } from "@fedify/vocab";
import { fetchRemoteJson, RemoteDocumentError } from "./remote-documents";

// Which keys an actor's own document lists (`publicKey`, `assertionMethod`): the
// only keys that may speak for it. A key document's own `owner`/`controller`
// claim proves nothing, since whoever serves the key writes it.

/** What an actor's own server says about its keys. */
export type ActorKeys = { kind: "listed"; keyIds: ReadonlySet<string> } | { kind: "gone" };

const TTL_MS = 10 * 60_000;
/** A key the cached document does not list sends us back to the server at most this often per actor (key rotation). */
const REFRESH_INTERVAL_MS = 30_000;
const MAX_ENTRIES = 2_000;

interface Entry {
  keys: ActorKeys;
  fetchedAt: number;
}

const cache = new Map<string, Entry>();

async function fetchActorKeys(ctx: Context<void>, actorUri: string): Promise<ActorKeys> {
  let json;
  try {
    json = await fetchRemoteJson(ctx, actorUri);
  } catch (error) {
    if (error instanceof RemoteDocumentError && error.isGone) return { kind: "gone" };
    throw error;
  }
  // Parsed as a JSON-LD processor reads it, like the activity itself, so an alias cannot hide a key.
  const parsed = await APObject.fromJsonLd(json, { contextLoader: ctx.contextLoader, documentLoader: ctx.documentLoader });
  if (!isActor(parsed) || parsed.id?.href !== actorUri) return { kind: "listed", keyIds: new Set() };
  const keyIds = new Set([...parsed.publicKeyIds, ...parsed.assertionMethodIds].map((id) => id.href));
  return { kind: "listed", keyIds };
}

function remember(actorUri: string, keys: ActorKeys): void {
  cache.delete(actorUri);
  cache.set(actorUri, { keys, fetchedAt: Date.now() });
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
}

/**
 * Whether the actor's own document (fetched from its origin, cached for 10 minutes)
 * lists `keyId`; "gone" when its server answers 404 or 410. A key the cached copy
 * does not list is looked up again (at most every 30 s), so rotated keys work. When
 * the server cannot answer now, the last answer it gave still counts. Throws
 * RemoteDocumentError when the server cannot be reached and never answered before.
 */
export async function isKeyListedByActor(ctx: Context<void>, actorUri: string, keyId: string): Promise<boolean | "gone"> {
  const now = Date.now();
  let entry = cache.get(actorUri);
  const isStale = !entry || now - entry.fetchedAt > TTL_MS;
  const isUnlisted = entry?.keys.kind === "listed" && !entry.keys.keyIds.has(keyId);
  if (isStale || (isUnlisted && now - entry!.fetchedAt > REFRESH_INTERVAL_MS)) {
    try {
      remember(actorUri, await fetchActorKeys(ctx, actorUri));
    } catch (error) {
      // A server failing for a moment does not unsay what it said: keep using the last
      // answer (its keys cannot have been rotated by a server that is not answering).
      if (!entry || !(error instanceof RemoteDocumentError && error.isTransient)) throw error;
    }
    entry = cache.get(actorUri)!;
  }
  if (entry!.keys.kind === "gone") return "gone";
  return entry!.keys.keyIds.has(keyId);
}

/** Forgets every cached key list (tests). */
export function clearActorKeyCache(): void {
  cache.clear();
}
