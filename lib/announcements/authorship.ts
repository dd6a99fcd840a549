import type { AnnouncementDraft } from "./types";

/** A URL's origin (scheme, host and port), or null when it is not a URL. */
export function readOrigin(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Whether two URLs share scheme, host and port (false when either is not a URL). */
export function isSameOrigin(a: string, b: string): boolean {
  const origin = readOrigin(a);
  return origin !== null && origin === readOrigin(b);
}

/**
 * Whether a post is the sending actor's own: attributed to exactly that actor and
 * living on the actor's server. A server can only speak for its own objects.
 */
export function isAuthoredBy(draft: AnnouncementDraft, actorUri: string): boolean {
  const origin = readOrigin(actorUri);
  return draft.authorUri === actorUri && origin !== null && readOrigin(draft.uri) === origin;
}
