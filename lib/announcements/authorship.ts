import type { AnnouncementDraft } from "./types";

function readOrigin(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Whether a post is the sending actor's own: attributed to exactly that actor and
 * living on the actor's server. A server can only speak for its own objects.
 */
export function isAuthoredBy(draft: AnnouncementDraft, actorUri: string): boolean {
  const origin = readOrigin(actorUri);
  return draft.authorUri === actorUri && origin !== null && readOrigin(draft.uri) === origin;
}
