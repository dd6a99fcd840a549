import { CAP_SEVERITIES, type CapSeverity } from "../env-emergencies";
import { parseCircle, parsePolygon, type Circle, type Polygon } from "./area";
import { childrenOf, parseXmlTree, textOf, XmlShapeError, type XmlElement } from "./xml-tree";

// Reads what CAP publishers serve: one CAP alert, or an Atom index of them (the OASIS
// CAP feeds note; national weather services, MeteoAlarm, Crier itself). Everything
// downstream sees these types, never XML.

/** CAP 1.2, and 1.1 (still served by some publishers; the fields Crier reads are the same). */
const CAP_NAMESPACES = ["urn:oasis:names:tc:emergency:cap:1.2", "urn:oasis:names:tc:emergency:cap:1.1"];
const ATOM_NAMESPACE = "http://www.w3.org/2005/Atom";
/** The most entries of an index Crier follows (newest first as listed). */
export const MAX_INDEX_ENTRIES = 100;

export interface CapReference {
  sender: string;
  identifier: string;
  sent: string;
}

export interface CapArea {
  areaDesc: string;
  polygons: Polygon[];
  circles: Circle[];
}

export interface CapInfo {
  language: string | null;
  event: string;
  severity: CapSeverity;
  urgency: string | null;
  headline: string | null;
  description: string | null;
  instruction: string | null;
  web: string | null;
  senderName: string | null;
  expires: string | null;
  areas: CapArea[];
}

export interface CapAlert {
  identifier: string;
  sender: string;
  sent: string;
  status: string;
  msgType: string;
  scope: string;
  references: CapReference[];
  infos: CapInfo[];
}

export interface CapIndexEntry {
  /** The entry's id (or its link when it has none). */
  id: string;
  updated: string | null;
  /** The CAP document's URL, resolved against the index's. */
  href: string;
}

export type CapDocument =
  | { kind: "alert"; alert: CapAlert }
  | { kind: "index"; entries: CapIndexEntry[] }
  | { kind: "invalid"; reason: string };

/** Reads a CAP alert or an Atom index of alerts; anything else is `invalid` with a reason for the log. */
export function readCapDocument(source: string, baseUrl: string): CapDocument {
  let root: XmlElement;
  try {
    root = parseXmlTree(source);
  } catch (error) {
    if (error instanceof XmlShapeError) return { kind: "invalid", reason: error.message };
    throw error;
  }
  if (root.name === "alert" && CAP_NAMESPACES.includes(root.namespace)) return readAlert(root);
  if (root.name === "feed" && root.namespace === ATOM_NAMESPACE) return { kind: "index", entries: readIndex(root, baseUrl) };
  return { kind: "invalid", reason: `the root element is {${root.namespace || "no namespace"}}${root.name}, neither a CAP 1.2 alert nor an Atom feed` };
}

function readAlert(root: XmlElement): CapDocument {
  const required = ["identifier", "sender", "sent", "status", "msgType", "scope"] as const;
  const fields = Object.fromEntries(required.map((name) => [name, textOf(root, name)])) as Record<(typeof required)[number], string | null>;
  const missing = required.filter((name) => !fields[name]);
  if (missing.length > 0) return { kind: "invalid", reason: `the alert has no ${missing.join(", ")}` };
  if (!Number.isFinite(Date.parse(fields.sent!))) return { kind: "invalid", reason: `the alert's sent time "${fields.sent}" is not a date` };
  const references = (textOf(root, "references") ?? "").split(/\s+/).filter(Boolean).flatMap((triple): CapReference[] => {
    const [sender, identifier, sent] = triple.split(",");
    return sender && identifier ? [{ sender, identifier, sent: sent ?? "" }] : [];
  });
  return { kind: "alert", alert: { ...(fields as Record<(typeof required)[number], string>), references, infos: childrenOf(root, "info").map(readInfo) } };
}

function readInfo(info: XmlElement): CapInfo {
  const severity = CAP_SEVERITIES.find((value) => value === textOf(info, "severity")) ?? "Unknown";
  return {
    language: textOf(info, "language"),
    event: textOf(info, "event") ?? "Alert",
    severity,
    urgency: textOf(info, "urgency"),
    headline: textOf(info, "headline"),
    description: textOf(info, "description"),
    instruction: textOf(info, "instruction"),
    web: textOf(info, "web"),
    senderName: textOf(info, "senderName"),
    expires: textOf(info, "expires"),
    areas: childrenOf(info, "area").map((area) => ({
      areaDesc: textOf(area, "areaDesc") ?? "",
      polygons: childrenOf(area, "polygon").map((polygon) => parsePolygon(polygon.text)).filter((polygon): polygon is Polygon => polygon !== null),
      circles: childrenOf(area, "circle").flatMap((circle) => parseCircle(circle.text) ?? []),
    })),
  };
}

function readIndex(feed: XmlElement, baseUrl: string): CapIndexEntry[] {
  const entries: CapIndexEntry[] = [];
  for (const entry of childrenOf(feed, "entry").slice(0, MAX_INDEX_ENTRIES)) {
    const links = childrenOf(entry, "link");
    // The CAP document: a link typed application/cap+xml, else the alternate link.
    const link = links.find((candidate) => /cap\+xml/i.test(candidate.attributes.type ?? "")) ?? links.find((candidate) => (candidate.attributes.rel ?? "alternate") === "alternate");
    const href = link?.attributes.href ? resolve(link.attributes.href, baseUrl) : null;
    if (!href) continue;
    entries.push({ id: textOf(entry, "id") ?? href, updated: textOf(entry, "updated"), href });
  }
  return entries;
}

function resolve(href: string, baseUrl: string): string | null {
  try {
    const url = new URL(href, baseUrl);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

/** A severity's rank (Unknown 0 … Extreme 4). */
export function severityRank(severity: string): number {
  return Math.max(0, CAP_SEVERITIES.indexOf(severity as CapSeverity));
}


