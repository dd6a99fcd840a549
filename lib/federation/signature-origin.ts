// Fedify accepts an HTTP signature when the key document names the activity's actor
// as its `owner`, wherever that document lives: any server could publish a key that
// "belongs" to a council and sign as it. A server only speaks for its own actors, so
// the key must live on the actor's origin (as Mastodon's key ids always do).

function readKeyIds(headers: Headers): string[] {
  const ids: string[] = [];
  // draft-cavage: Signature: keyId="…",…; RFC 9421: Signature-Input: sig1=(…);keyid="…"
  for (const header of [headers.get("signature"), headers.get("signature-input")]) {
    if (header === null) continue;
    for (const match of header.matchAll(/keyid="([^"]*)"/gi)) ids.push(match[1]!);
  }
  return ids;
}

function readActorId(activity: Record<string, unknown>): string | null {
  const actor = Array.isArray(activity.actor) ? activity.actor[0] : activity.actor;
  if (typeof actor === "string") return actor;
  if (actor !== null && typeof actor === "object" && typeof (actor as { id?: unknown }).id === "string") return (actor as { id: string }).id;
  return null;
}

function readOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** Whether every signing key of a request lives on the origin of the activity's actor (true when either is absent). */
export function isSignedFromActorOrigin(headers: Headers, activity: Record<string, unknown>): boolean {
  const actorId = readActorId(activity);
  if (actorId === null) return true;
  const actorOrigin = readOrigin(actorId);
  return readKeyIds(headers).every((keyId) => actorOrigin !== null && readOrigin(keyId) === actorOrigin);
}
