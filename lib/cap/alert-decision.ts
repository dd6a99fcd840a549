import { intersectsArea, type Polygon } from "./area";
import { severityRank, type CapAlert, type CapInfo } from "./read-cap";

// What one CAP alert means for Crier, decided without touching the store: keep it (new
// or replacing what its references name), remove what it cancels or what expired, or
// skip it with a reason for the log. Pure, so the fixtures drive it table by table.

/** How an alert is named across messages: its sender and identifier (CAP's own key). */
export const messageKey = (sender: string, identifier: string) => `${sender},${identifier}`;

export interface SourceFilter {
  minSeverity: string;
  /** Only alerts whose area meets this polygon; null for everywhere. */
  area: Polygon | null;
}

export type AlertDecision =
  | {
      action: "keep";
      /** This message's key. */
      key: string;
      /** Keys of the messages it replaces, oldest first (an Update's references). */
      replaces: string[];
      /** One info per language, the first of each, in the alert's order (CAP's default language is en-US). */
      infos: CapInfo[];
      isEmergency: boolean;
      /** When the alert was first sent (the first reference's time, when it gives one), ISO. */
      published: string;
      /** When this Update was sent (ISO), or null for a first Alert. */
      updated: string | null;
    }
  | { action: "remove"; keys: string[]; reason: "cancelled" | "expired" }
  | { action: "skip"; reason: string };

/** Decides what an alert means for a source with this filter at `nowMs`. */
export function decideAlert(alert: CapAlert, filter: SourceFilter, nowMs: number): AlertDecision {
  const key = messageKey(alert.sender, alert.identifier);
  const references = alert.references.map((reference) => messageKey(reference.sender, reference.identifier));
  if (alert.status !== "Actual") return { action: "skip", reason: `its status is ${alert.status}, not Actual` };
  if (alert.scope !== "Public") return { action: "skip", reason: `its scope is ${alert.scope}, not Public` };
  if (alert.msgType === "Cancel") {
    return references.length > 0 ? { action: "remove", keys: references, reason: "cancelled" } : { action: "skip", reason: "it is a Cancel that references no alert" };
  }
  if (alert.msgType !== "Alert" && alert.msgType !== "Update") return { action: "skip", reason: `its msgType is ${alert.msgType}` };
  if (alert.infos.length === 0) return { action: "skip", reason: "it has no info" };
  if (alert.infos.every((each) => each.expires !== null && Date.parse(each.expires) <= nowMs)) {
    return { action: "remove", keys: [...references, key], reason: "expired" };
  }
  if (filter.area && !meetsArea(alert.infos, filter.area)) return { action: "skip", reason: "its area is outside the source's area" };
  const severity = Math.max(...alert.infos.map((each) => severityRank(each.severity)));
  const sent = toIso(alert.sent);
  const firstSent = alert.references[0]?.sent ? toIso(alert.references[0].sent) : null;
  return {
    action: "keep", key, replaces: references, infos: onePerLanguage(alert.infos),
    isEmergency: severity >= severityRank(filter.minSeverity),
    published: firstSent && firstSent <= sent ? firstSent : sent,
    updated: alert.msgType === "Update" ? sent : null,
  };
}

function onePerLanguage(infos: CapInfo[]): CapInfo[] {
  const seen = new Set<string>();
  return infos.filter((info) => {
    const language = (info.language ?? "en-US").toLowerCase();
    if (seen.has(language)) return false;
    seen.add(language);
    return true;
  });
}

/** Alerts with no polygon or circle cannot be placed: they are kept (their areaDesc is for people). */
function meetsArea(infos: CapInfo[], filter: Polygon): boolean {
  const placed = infos.flatMap((info) => info.areas).filter((area) => area.polygons.length > 0 || area.circles.length > 0);
  return placed.length === 0 || placed.some((area) => intersectsArea(filter, area));
}

function toIso(value: string): string {
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : value;
}
