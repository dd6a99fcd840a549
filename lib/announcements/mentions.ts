import { isRecord, readHttpUrl, readString, readTypes, toArray } from "./as-values";
import { escapeHtml } from "./as-values";
import type { AnnouncementDraft, MentionTag } from "./types";

// Screens and speech name people, never their handles: "@jane@social.example" on a
// lobby screen is noise to most readers and puts a resident's account on display.
// Mentions become display names (the account's name when Crier knows it, else the
// user part of the handle, without "@"), in the HTML and in the plain text alike.

const MAX_MENTIONS = 64;
const HANDLE = /(^|[\s(\[{"'“‘])@([\p{L}\p{N}_]+(?:[.-][\p{L}\p{N}_]+)*)(?:@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*(?::\d{1,5})?))?/gu;

/** Reads the Mention entries of an object's `tag`: whom the post names (at most 64). */
export function readMentions(object: Record<string, unknown>): MentionTag[] {
  const mentions: MentionTag[] = [];
  for (const entry of toArray(object.tag).slice(0, MAX_MENTIONS * 4)) {
    if (!isRecord(entry) || !readTypes(entry.type).includes("Mention")) continue;
    const uri = readHttpUrl(entry.href);
    const name = readString(entry.name)?.trim() ?? null;
    if (uri === null) continue;
    mentions.push({ uri, name: name && name.length <= 300 ? name : null });
    if (mentions.length === MAX_MENTIONS) break;
  }
  return mentions;
}

/** Display names of mentioned accounts Crier knows, by the account's IRI. */
export type KnownNames = ReadonlyMap<string, string>;

/** Replaces every @handle in a draft's HTML and text with the person's display name. */
export function nameMentions(draft: AnnouncementDraft, known: KnownNames): AnnouncementDraft {
  const names = indexNames(draft.mentions ?? [], known);
  const nameOf = (user: string, host: string | undefined) =>
    (host ? names.get(`${user}@${host}`.toLowerCase()) : undefined) ?? names.get(user.toLowerCase()) ?? user;
  const replaceText = (text: string) => text.replace(HANDLE, (_all, before: string, user: string, host?: string) => `${before}${nameOf(user, host)}`);
  const html = mapTextOutsideTags(replaceMentionLinks(draft.html, nameOf), replaceText);
  const text = replaceText(draft.text);
  return html === draft.html && text === draft.text ? draft : { ...draft, html, text };
}

/** Replaces each link whose text is a handle (Mastodon's mention links) with the name; one pass, linear. */
function replaceMentionLinks(html: string, nameOf: (user: string, host: string | undefined) => string): string {
  let out = "";
  let at = 0;
  let close = -1;
  for (;;) {
    const start = html.indexOf("<a", at);
    if (start === -1) break;
    if (close < start) close = html.indexOf("</a>", start);
    if (close === -1) break;
    const openEnd = html.indexOf(">", start);
    const isLink = /[\s>]/.test(html[start + 2] ?? "");
    if (!isLink || openEnd === -1 || openEnd > close) {
      out += html.slice(at, start + 2);
      at = start + 2;
      continue;
    }
    const label = stripTags(html.slice(openEnd + 1, close)).trim();
    const match = /^@([^@\s]+)(?:@(\S+))?$/.exec(label);
    out += html.slice(at, start) + (match ? escapeHtml(nameOf(match[1]!, match[2])) : html.slice(start, close + 4));
    at = close + 4;
  }
  return out + html.slice(at);
}

/** Applies `replace` to the text between tags, never inside a tag; linear. */
function mapTextOutsideTags(html: string, replace: (text: string) => string): string {
  let out = "";
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf("<", at);
    if (open === -1) break;
    const end = html.indexOf(">", open);
    if (end === -1) break;
    out += replace(html.slice(at, open)) + html.slice(open, end + 1);
    at = end + 1;
  }
  return out + replace(html.slice(at));
}

function stripTags(html: string): string {
  return html.replace(/<[^<>]*>/g, "");
}

function indexNames(mentions: MentionTag[], known: KnownNames): Map<string, string> {
  const names = new Map<string, string>();
  for (const mention of mentions) {
    const name = known.get(mention.uri);
    if (!name || !mention.name) continue;
    const [user, host] = mention.name.replace(/^@/, "").split("@");
    if (!user) continue;
    if (host) names.set(`${user}@${host}`.toLowerCase(), name);
    // Mastodon links a mention as "@user" alone; a name is only taken when it is unambiguous.
    const short = user.toLowerCase();
    names.set(short, names.has(short) && names.get(short) !== name ? user : name);
  }
  return names;
}
