import { isIP } from "node:net";
import type { AnnouncementDraft } from "./types";

// IPv4 ranges no public post links to: "this network", private, shared (CGNAT),
// loopback, link-local (cloud metadata), benchmarking, multicast and reserved.
const PRIVATE_V4: [number, number][] = [
  [0x00000000, 8], [0x0a000000, 8], [0x64400000, 10], [0x7f000000, 8], [0xa9fe0000, 16],
  [0xac100000, 12], [0xc0000000, 24], [0xc0a80000, 16], [0xc6120000, 15], [0xe0000000, 3],
];

function readIpv4(host: string): number | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return null;
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

function isPrivateIpv4(address: number): boolean {
  return PRIVATE_V4.some(([base, bits]) => Math.floor(address / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
}

function isPrivateIpv6(host: string): boolean {
  const address = host.slice(1, -1).toLowerCase();
  if (address === "::" || address === "::1") return true;
  // IPv4-mapped (the URL parser writes ::ffff:7f00:1): judge the IPv4 address.
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
  if (mapped) return isPrivateIpv4(parseInt(mapped[1]!, 16) * 65536 + parseInt(mapped[2]!, 16));
  return /^(f[cd]|fe[89ab])[0-9a-f]{0,2}:/.test(address);
}

/** Whether a resolved IP address (as DNS or the socket gives it) is loopback, private, link-local or otherwise not public. */
export function isPrivateAddress(address: string): boolean {
  const v4 = readIpv4(address);
  if (v4 !== null) return isPrivateIpv4(v4);
  if (isIP(address) !== 6) return true;
  // The URL parser writes IPv6 in one canonical form (and IPv4-mapped as hex).
  let host: string;
  try {
    host = new URL(`http://[${address}]/`).hostname;
  } catch {
    return true; // a zone id (fe80::1%eth0): link-local
  }
  // The rest of ::/8 (reserved, IPv4-compatible), multicast, documentation, NAT64 and 6to4 can wrap or stand for private IPv4 addresses: none is a server Crier needs.
  return isPrivateIpv6(host) || /^\[(::|ff|2001:db8:|64:ff9b:|2002:)/.test(host);
}

/**
 * Whether a URL names a loopback, private or link-local host literally. The WHATWG
 * parser has already turned decimal, octal and hex forms (http://2130706433/,
 * http://0x7f.1/) into dotted quads. Names that merely resolve to such addresses
 * are not caught here: that needs DNS, which fetching code does (assertPublicHost).
 */
export function isPrivateHostUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  if (host.startsWith("[")) return isPrivateIpv6(host);
  const v4 = readIpv4(host);
  return v4 !== null && isPrivateIpv4(v4);
}

function isForeignPrivate(url: string, ownHostname: string): boolean {
  try {
    return new URL(url).hostname !== ownHostname && isPrivateHostUrl(url);
  } catch {
    return true;
  }
}

/**
 * Drops the post's page URL and media that point at private or loopback hosts other
 * than the author's own host: readers' browsers (kiosks inside a council's network)
 * would otherwise be made to load addresses on their own network.
 */
export function dropForeignPrivateLinks(draft: AnnouncementDraft, authorUri: string): AnnouncementDraft {
  let ownHostname: string;
  try {
    ownHostname = new URL(authorUri).hostname;
  } catch {
    return draft;
  }
  const attachments = draft.attachments.filter((attachment) => !isForeignPrivate(attachment.url, ownHostname));
  const url = draft.url !== null && isForeignPrivate(draft.url, ownHostname) ? null : draft.url;
  return attachments.length === draft.attachments.length && url === draft.url ? draft : { ...draft, attachments, url };
}
