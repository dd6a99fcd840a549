import { createHash } from "node:crypto";
import type { AnnouncementDraft } from "../announcements/types";
import { getAnnouncementChanges } from "../changes/announcement-changes";
import { escapeXml } from "../feeds/xml";
import { getCrierLogger } from "../log";
import { getStore } from "../store";
import type { CapSource } from "../store/cap-store";
import { parsePolygon } from "./area";
import { decideAlert, type AlertDecision } from "./alert-decision";
import type { CapAlert, CapInfo } from "./read-cap";

// A CAP alert from a source becomes announcements through the one write path, credited
// to the source: one per language the alert is written in (a civil-defence alert in
// English and te reo Māori is shown, and spoken, in both). Messages about one alert
// share their announcements: the IRIs come from the first message (an Update's
// references lead back to it, through the aliases kept in the store's settings), so an
// Update replaces them (and removes a language it no longer has) and a Cancel removes them.

const logger = getCrierLogger("cap");
const MAX_TEXT = 20_000;

/** The account a source's alerts are shown under (an IRI on the source's origin; it names nothing there). */
export function sourceAccountUri(source: Pick<CapSource, "id" | "url">): string {
  return `${new URL(source.url).origin}/.well-known/crier-cap-source/${source.id}`;
}

/** Applies one alert of a source; answers what was done, for the log and the tests. */
export async function takeAlert(source: CapSource, alert: CapAlert, nowMs = Date.now()): Promise<AlertDecision["action"]> {
  const decision = decideAlert(alert, { minSeverity: source.minSeverity, area: source.area ? parsePolygon(source.area) : null }, nowMs);
  const accountUri = sourceAccountUri(source);
  const changes = getAnnouncementChanges();
  if (decision.action === "skip") {
    logger.info("Skipped CAP alert {identifier} from {source}: {reason}.", { identifier: alert.identifier, source: source.url, reason: decision.reason });
    return "skip";
  }
  if (decision.action === "remove") {
    for (const key of decision.keys) {
      const root = await resolveRoot(key);
      for (const uri of await keptUris(accountUri, root)) await changes.removeByAuthor(accountUri, uri);
      await getStore().setSetting(languagesKey(root), "[]");
    }
    logger.info("Removed CAP alert {identifier} from {source}: {reason}.", { identifier: alert.identifier, source: source.url, reason: decision.reason });
    return "remove";
  }
  let root = decision.key;
  for (const key of decision.replaces) {
    const known = await getStore().getSetting(aliasKey(key));
    if (known) {
      root = known;
      break;
    }
    root = decision.replaces[0]!;
  }
  await getStore().setSetting(aliasKey(decision.key), root);
  await getStore().upsertAccount({ uri: accountUri, handle: sourceHandle(source, alert.sender), name: source.name, url: null, avatarUrl: null });
  const uris = decision.infos.map((info, index) => languageUri(accountUri, root, index === 0 ? null : info.language ?? "en-US"));
  for (const gone of (await keptUris(accountUri, root)).filter((uri) => !uris.includes(uri))) await changes.removeByAuthor(accountUri, gone);
  await getStore().setSetting(languagesKey(root), JSON.stringify(uris));
  const outcomes: string[] = [];
  for (const [index, info] of decision.infos.entries()) {
    outcomes.push(await changes.keepPost({
      draft: toDraft(uris[index]!, accountUri, info, decision.published, decision.updated),
      accountUri, viaUri: null, accountLanguage: null,
      priority: decision.isEmergency ? "emergency" : "normal",
    }));
  }
  // A source re-read without caching headers offers the same alert every poll: say so only in the debug log.
  const fields = { identifier: alert.identifier, source: source.url, outcome: outcomes.join(", ") };
  if (outcomes.every((outcome) => outcome === "unchanged")) logger.debug("CAP alert {identifier} from {source}: {outcome}.", fields);
  else logger.info("CAP alert {identifier} from {source}: {outcome}.", fields);
  return "keep";
}

async function resolveRoot(key: string): Promise<string> {
  return (await getStore().getSetting(aliasKey(key))) ?? key;
}

/** The IRIs an alert's announcements were kept under (the first language's alone, for alerts kept before languages were). */
async function keptUris(accountUri: string, root: string): Promise<string[]> {
  try {
    const kept = JSON.parse((await getStore().getSetting(languagesKey(root))) ?? "null") as unknown;
    if (Array.isArray(kept)) return kept.filter((uri): uri is string => typeof uri === "string");
  } catch {
    // Unreadable: fall back to the first language's.
  }
  return [alertUri(accountUri, root)];
}

const aliasKey = (key: string) => `cap-alias:${hash(key)}`;
const hash = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 32);
const languagesKey = (root: string) => `cap-languages:${hash(root)}`;
const alertUri = (accountUri: string, root: string) => `${accountUri}/alerts/${hash(root)}`;
/** The first language's announcement has the alert's IRI; each other language's adds its tag. */
const languageUri = (accountUri: string, root: string, language: string | null) =>
  language === null ? alertUri(accountUri, root) : `${alertUri(accountUri, root)}/${encodeURIComponent(language.toLowerCase())}`;

/**
 * `@name@host`: the host is the sender's domain when the source is served from it (so
 * TRUSTED_DOMAINS marks it official), otherwise the source's own host, so a feed cannot
 * claim a trusted sender it is not served by.
 */
export function sourceHandle(source: Pick<CapSource, "url" | "name">, sender: string): string {
  const sourceHost = new URL(source.url).hostname.toLowerCase();
  const senderDomain = (sender.split("@").pop() ?? "").toLowerCase().replace(/:\d+$/, "");
  const host = senderDomain && (sourceHost === senderDomain || sourceHost.endsWith(`.${senderDomain}`)) ? senderDomain : sourceHost;
  const name = source.name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "_").replace(/^_+|_+$/g, "").slice(0, 40) || "alerts";
  return `@${name}@${host}`;
}

function toDraft(uri: string, accountUri: string, info: CapInfo, published: string, updated: string | null): AnnouncementDraft {
  const paragraphs = [info.headline, info.description, info.instruction].filter((part): part is string => Boolean(part));
  const fullText = paragraphs.join("\n\n");
  const text = fullText.length > MAX_TEXT ? `${fullText.slice(0, MAX_TEXT - 1)}…` : fullText;
  const html = text.split("\n\n").map((paragraph) => `<p>${escapeXml(paragraph).replace(/\n/g, "<br>")}</p>`).join("");
  const tag = info.event.replace(/[^\p{L}\p{N}_]+/gu, "");
  return {
    uri, url: info.web && /^https?:\/\//.test(info.web) ? info.web : null, authorUri: accountUri, objectType: "CapAlert",
    published, updated, language: info.language, summary: null, sensitive: false, html, text,
    attachments: [], tags: tag ? [tag] : [], visibility: "public", inReplyTo: null,
    truncated: fullText.length > MAX_TEXT ? ["text"] : undefined,
  };
}
