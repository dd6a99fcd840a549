import { preloadedContexts, type DocumentLoader, type DocumentLoaderFactory } from "@fedify/vocab-runtime";
import type { CrierFederation } from "./federation";

// A body names its JSON-LD contexts, and Fedify fetches every remote one before it
// checks any signature: one unsigned POST could make Crier fetch (and parse) as many
// documents as it lists. Real servers need few: the common ones (ActivityStreams,
// security/v1, data integrity, Mastodon's, GoToSocial's, Lemmy's…) are preloaded in
// Fedify (@fedify/vocab-runtime's preloadedContexts) and never fetched; the rest are
// per-server ones such as Pleroma's /schemas/litepub-0.1.jsonld, one per server, and
// Fedify's key-value cache keeps each fetched context for 5 minutes. Each size-capped
// (lib/http/remote-fetch-limits.ts).

/** Remote (not preloaded) contexts one request may make Crier fetch. */
export const MAX_REMOTE_CONTEXTS = 4;

/** A body named more remote JSON-LD contexts than Crier fetches for one request. */
export class TooManyContextsError extends Error {
  override name = "TooManyContextsError";
}

/** Wraps a context loader so it loads at most `max` distinct remote contexts; preloaded ones are free. */
export function limitRemoteContexts(loader: DocumentLoader, max = MAX_REMOTE_CONTEXTS): DocumentLoader {
  const remote = new Set<string>();
  return (url, options) => {
    if (!(url in preloadedContexts) && !remote.has(url)) {
      if (remote.size >= max) {
        return Promise.reject(new TooManyContextsError(`More than ${max} remote JSON-LD contexts in one request; Crier did not fetch ${url}.`));
      }
      remote.add(url);
    }
    return loader(url, options);
  };
}

/**
 * Puts the limit on every context loader of the federation. Fedify makes a fresh
 * loader for each request context (and each queued message), so a loader's count is
 * that request's. Fedify takes a contextLoaderFactory option only without
 * allowPrivateAddress and userAgent, which Crier needs for its built-in loaders (and
 * its WebFinger lookups), so the built-in factory is wrapped after creation instead.
 */
export function limitFederationContexts(federation: CrierFederation): void {
  const internals = federation as unknown as { contextLoaderFactory?: DocumentLoaderFactory };
  const factory = internals.contextLoaderFactory;
  if (typeof factory !== "function") {
    throw new Error("This Fedify version has no contextLoaderFactory on its federation; Crier cannot limit remote JSON-LD contexts.");
  }
  internals.contextLoaderFactory = (options) => limitRemoteContexts(factory(options));
}
