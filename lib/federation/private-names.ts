import { isIP } from "node:net";
import type { AnnouncementDraft } from "../announcements/types";
import { resolvePublicAddresses } from "../http/connection-guard";
import { getCrierLogger } from "../log";

const logger = getCrierLogger("ingest");
const LOOKUP_TIMEOUT_MS = 2_000;

// dropForeignPrivateLinks (lib/announcements/private-links.ts) drops links and
// pictures whose host is literally private; this drops those whose name resolves to
// a private address, the same way. Pictures are checked again where Crier connects to
// them (lib/http/connection-guard.ts), which is what stops rebinding; links are opened
// by readers' browsers, inside the council's network, so ingest is the one moment
// Crier can look at the name at all (an answer that changes later is the browser's to
// judge). Ingest is already asynchronous and off the request path (the queue), so a
// bounded lookup per distinct host costs no reader anything.

/** Drops the page URL and attachments whose host (other than the author's own) resolves to a private address. */
export async function dropLinksToPrivateNames(draft: AnnouncementDraft, authorUri: string): Promise<AnnouncementDraft> {
  const ownHostname = hostnameOf(authorUri);
  const hosts = new Set([draft.url, ...draft.attachments.map((attachment) => attachment.url)].map(hostnameOf));
  const privateHosts = new Set<string>();
  for (const host of hosts) {
    if (host && host !== ownHostname && isIP(host.replace(/^\[|\]$/g, "")) === 0 && (await resolvesPrivately(host))) privateHosts.add(host);
  }
  if (privateHosts.size === 0) return draft;
  logger.warn("Dropped links of {uri} to names on private addresses: {hosts}.", { uri: draft.uri, hosts: [...privateHosts] });
  const isPrivate = (url: string | null) => privateHosts.has(hostnameOf(url) ?? "");
  return {
    ...draft,
    url: isPrivate(draft.url) ? null : draft.url,
    attachments: draft.attachments.filter((attachment) => !isPrivate(attachment.url)),
  };
}

/** Whether a name resolves to a private address now; unresolvable or slow names are kept (a passing DNS failure must not cost a post its links). */
async function resolvesPrivately(hostname: string): Promise<boolean> {
  const lookup = resolvePublicAddresses(hostname).then(
    () => false,
    (error: unknown) => (error as Error | null)?.name === "PrivateAddressError", // by name: Next bundles may hold separate copies of the class
  );
  const timeout = new Promise<boolean>((resolve) => setTimeout(resolve, LOOKUP_TIMEOUT_MS, false).unref());
  return Promise.race([lookup, timeout]);
}

function hostnameOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}
