import { getAnnouncement } from "../announcements/listing";
import { getEnv } from "../env";
import { escapeXml } from "../feeds/xml";
import { listIndexedVersions } from "./cap-alerts";
import { severityOf } from "./cap-document";
import { firstSentence } from "./cap-text";

/** The URL of an announcement's CAP document. */
export function capDocumentUrl(publicUrl: string, announcementId: string): string {
  return `${publicUrl}/cap/alerts/${encodeURIComponent(announcementId)}.xml`;
}

/**
 * The Atom index of Crier's alerts, in the shape of the OASIS CAP feeds note (and of
 * the national weather services' indexes): one entry per alert, its newest message,
 * linking the CAP document; a withdrawn alert is listed with its Cancel for a day.
 */
export async function buildCapAtomIndex(nowMs = Date.now()): Promise<string> {
  const { publicUrl, cap: settings } = getEnv();
  const versions = await listIndexedVersions(nowMs);
  const self = `${publicUrl}/cap/alerts.atom`;
  const updated = versions[0]?.sent ?? "1970-01-01T00:00:00+00:00";
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">\n`;
  xml += `  <id>${escapeXml(self)}</id>\n  <title>${escapeXml(`Alerts from ${settings.sender}`)}</title>\n  <updated>${updated}</updated>\n`;
  xml += `  <author><name>${escapeXml(settings.sender)}</name></author>\n  <link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>\n`;
  for (const version of versions) {
    const announcement = version.msgType === "Cancel" ? null : await getAnnouncement(version.announcementId);
    const title = announcement ? firstSentence(announcement.summary ?? announcement.text) : `Cancelled: ${version.identifier}`;
    const href = capDocumentUrl(publicUrl, version.announcementId);
    xml += "  <entry>\n";
    xml += `    <id>${escapeXml(`${href}#${version.identifier}`)}</id>\n    <title>${escapeXml(title)}</title>\n    <updated>${version.sent}</updated>\n`;
    xml += `    <link rel="alternate" type="application/cap+xml" href="${escapeXml(href)}"/>\n`;
    xml += `    <cap:identifier>${escapeXml(version.identifier)}</cap:identifier>\n    <cap:msgType>${version.msgType}</cap:msgType>\n`;
    if (announcement) xml += `    <cap:severity>${severityOf(announcement, settings)}</cap:severity>\n`;
    if (version.expires) xml += `    <cap:expires>${version.expires}</cap:expires>\n`;
    xml += "  </entry>\n";
  }
  return `${xml}</feed>\n`;
}
