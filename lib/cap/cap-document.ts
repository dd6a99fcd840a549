import type { Announcement } from "../announcements/types";
import type { Env } from "../env";
import type { CapVersion } from "../store/cap-store";
import { escapeXml } from "../feeds/xml";
import { firstSentence } from "./cap-text";

export const CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";

/** What a published CAP message is built from: the message, the earlier ones it references, and (Alert, Update) the announcement. */
export interface CapDocumentInput {
  version: CapVersion;
  earlier: CapVersion[];
  /** The announcement as the message describes it; null for a Cancel. */
  announcement: Announcement | null;
  settings: Env["cap"];
  publicUrl: string;
}

const element = (name: string, value: string, indent: string) => `${indent}<${name}>${escapeXml(value)}</${name}>\n`;

/** One CAP 1.2 `alert` document, valid against the OASIS schema (element order as it requires). */
export function buildCapDocument({ version, earlier, announcement, settings, publicUrl }: CapDocumentInput): string {
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="${CAP_NAMESPACE}">\n`;
  xml += element("identifier", version.identifier, "  ");
  xml += element("sender", settings.sender, "  ");
  xml += element("sent", version.sent, "  ");
  xml += element("status", "Actual", "  ");
  xml += element("msgType", version.msgType, "  ");
  xml += element("scope", "Public", "  ");
  if (version.msgType === "Cancel") xml += element("note", "The announcement was withdrawn, or its emergency ended.", "  ");
  // Updates and Cancels name every earlier message, so a reader that missed one still finds the alert.
  if (version.msgType !== "Alert" && earlier.length > 0) {
    xml += element("references", earlier.map((message) => `${settings.sender},${message.identifier},${message.sent}`).join(" "), "  ");
  }
  if (announcement && version.msgType !== "Cancel") xml += buildInfo(announcement, version, settings, publicUrl);
  return `${xml}</alert>\n`;
}

function buildInfo(announcement: Announcement, version: CapVersion, settings: Env["cap"], publicUrl: string): string {
  const base = `${publicUrl}/api/announcements/${encodeURIComponent(announcement.id)}`;
  let xml = "  <info>\n";
  xml += element("language", announcement.language, "    ");
  xml += element("category", settings.category, "    ");
  xml += element("event", settings.event, "    ");
  xml += element("urgency", settings.urgency, "    ");
  xml += element("severity", severityOf(announcement, settings), "    ");
  xml += element("certainty", settings.certainty, "    ");
  if (version.expires) xml += element("expires", version.expires, "    ");
  xml += element("senderName", announcement.account.name, "    ");
  const text = announcement.summary ? `${announcement.summary}\n\n${announcement.text}` : announcement.text;
  xml += element("headline", firstSentence(announcement.summary ?? announcement.text), "    ");
  xml += element("description", text, "    ");
  xml += element("web", `${publicUrl}/announcements/${encodeURIComponent(announcement.id)}`, "    ");
  xml += resource("Spoken announcement (MP3)", "audio/mpeg", `${base}/audio.mp3`);
  xml += resource("Slide image (PNG)", "image/png", `${base}/slide.png`);
  if (settings.areaDesc) {
    xml += "    <area>\n";
    xml += element("areaDesc", settings.areaDesc, "      ");
    if (settings.polygon) xml += element("polygon", settings.polygon, "      ");
    xml += "    </area>\n";
  }
  return `${xml}  </info>\n`;
}

function resource(description: string, mimeType: string, uri: string): string {
  return `    <resource>\n${element("resourceDesc", description, "      ")}${element("mimeType", mimeType, "      ")}${element("uri", uri, "      ")}    </resource>\n`;
}

/** The configured severity, raised to Extreme by a hashtag in CAP_EXTREME_HASHTAGS. */
export function severityOf(announcement: Pick<Announcement, "tags">, settings: Env["cap"]): string {
  const tags = announcement.tags.map((tag) => tag.replace(/^#/, "").toLowerCase());
  return tags.some((tag) => settings.extremeHashtags.includes(tag)) ? "Extreme" : settings.severity;
}
