import { preloadedContexts, type DocumentLoader, type DocumentLoaderFactory, type RemoteDocument } from "@fedify/vocab-runtime";
import { getCrierLogger } from "../log";
import type { CrierFederation } from "./federation";

const logger = getCrierLogger("inbox");

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

/** Wraps a context loader so it loads at most `max` distinct remote contexts, none over the size limit; preloaded ones are free. */
export function limitRemoteContexts(loader: DocumentLoader, max = MAX_REMOTE_CONTEXTS): DocumentLoader {
  const remote = new Set<string>();
  return async (url, options) => {
    if (!(url in preloadedContexts) && !remote.has(url)) {
      if (remote.size >= max) return refuseContext(url, `the body names more than ${max} remote contexts`);
      remote.add(url);
    }
    try {
      return await loader(url, options);
    } catch (error) {
      if (isTooLarge(error)) return refuseContext(url, (error as Error).message);
      throw error;
    }
  };
}

/**
 * Answers a refused context with a document that is not a JSON-LD context (an empty
 * array). JSON-LD processing then stops with its own "invalid remote context" error,
 * which Fedify counts as the sender's fault (400), where a thrown error would count
 * as a passing failure to retry (500).
 */
function refuseContext(url: string, reason: string): RemoteDocument {
  logger.warn("Remote JSON-LD context {url} refused: {reason}", { url, reason });
  return { contextUrl: null, documentUrl: url, document: [] };
}

/** Whether an error is, or was caused by, a response over the size limit (lib/http/remote-fetch-limits.ts). */
function isTooLarge(error: unknown): boolean {
  for (let each = error, depth = 0; each instanceof Error && depth < 5; each = each.cause, depth++) {
    if (each.name === "ResponseTooLargeError") return true;
  }
  return false;
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
