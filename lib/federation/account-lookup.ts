import { getEnv } from "../env";
import { assertPublicUrl } from "../http/connection-guard";

/** What an operator typed to follow someone: a handle or an actor URL. */
export type AccountReference =
  | { kind: "handle"; username: string; host: string; handle: string }
  | { kind: "url"; url: URL };

/** Thrown when following cannot even start; `message` is the reason shown to the operator. */
export class FollowError extends Error {
  override name = "FollowError";
}

/** Parses "@user@host", "user@host", "acct:user@host" or an https:// actor URL. */
export function parseAccountReference(input: string): AccountReference {
  const value = input.trim();
  if (/^https?:\/\//i.test(value)) {
    try {
      return { kind: "url", url: new URL(value) };
    } catch {
      throw new FollowError(`"${value}" is not a valid URL.`);
    }
  }
  const match = /^(?:acct:)?@?([^@\s/]+)@([^@\s/]+)$/i.exec(value);
  if (!match) {
    throw new FollowError(`"${value.slice(0, 100)}" is not a Fediverse handle; write it like @news@council.example or paste the account's URL.`);
  }
  const [, username, host] = match as unknown as [string, string, string];
  try {
    const normalisedHost = new URL(`https://${host}`).host;
    return { kind: "handle", username, host: normalisedHost, handle: `@${username}@${normalisedHost}` };
  } catch {
    throw new FollowError(`"${host}" is not a valid server name.`);
  }
}

/**
 * Refuses hosts on private or loopback addresses unless ALLOW_PRIVATE_ADDRESS is set,
 * for a clear message up front; the connection itself is checked again where it is
 * made (lib/http/connection-guard.ts), since the name may resolve differently then.
 */
export async function assertPublicHost(url: URL): Promise<void> {
  if (getEnv().allowPrivateAddress) return;
  try {
    await assertPublicUrl(url);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new FollowError(
      `${url.host} is on a private or loopback address, which Crier does not contact (set ALLOW_PRIVATE_ADDRESS=true only for tests and demos): ${detail}`,
    );
  }
}

/**
 * Explains why a lookup found nothing, by asking the server directly: unreachable,
 * no such account, or reachable but not serving an ActivityPub actor.
 */
export async function explainLookupFailure(reference: AccountReference): Promise<string> {
  const probe =
    reference.kind === "handle"
      ? new URL(`https://${reference.host}/.well-known/webfinger?resource=acct:${encodeURIComponent(reference.username)}@${reference.host}`)
      : reference.url;
  let response: Response;
  try {
    response = await fetch(probe, {
      headers: { accept: "application/activity+json, application/jrd+json, application/json" },
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    await response.body?.cancel();
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    return `The server ${probe.host} could not be reached (${detail}). Check the spelling, or try again later.`;
  }
  if (response.status === 404 || response.status === 410) {
    return reference.kind === "handle"
      ? `Unknown handle: ${probe.host} has no account called "${reference.username}".`
      : `Nothing found at ${reference.url.href} (HTTP ${response.status}).`;
  }
  if (response.status >= 500) return `The server ${probe.host} answered with an error (HTTP ${response.status}); try again later.`;
  if (response.status === 401 || response.status === 403) {
    return `The server ${probe.host} refused to show the account (HTTP ${response.status}).`;
  }
  return `${reference.kind === "handle" ? reference.handle : reference.url.href} does not lead to an ActivityPub account that Crier can follow.`;
}
