import type { Announcement } from "../announcements/types";
import { escapeXml } from "./xml";

// Podcast RSS 2.0 with the iTunes namespace: what Apple Podcasts' and the Podcast
// Index's validators check (channel title, link, description, language, itunes:image
// 1400–3000 px, itunes:category, itunes:explicit, atom:link rel="self"; items with a
// title, a guid, pubDate in RFC 2822, and an enclosure with url, length and type).

/** One episode: an announcement whose MP3 exists, with its size in bytes. */
export interface PodcastEpisode {
  announcement: Announcement;
  size: number;
  /** Constant bitrate of the MP3, to give itunes:duration without decoding it. */
  kbps: number;
}

function formatDuration(seconds: number): string {
  const whole = Math.max(1, Math.round(seconds));
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${pad(Math.floor(whole / 3600))}:${pad(Math.floor((whole % 3600) / 60))}:${pad(whole % 60)}`;
}

/** A short episode title: the account and the start of the text (or the content warning). */
function makeTitle(announcement: Announcement): string {
  const lead = (announcement.summary ?? announcement.text).replace(/\s+/g, " ").trim();
  const cut = lead.length > 90 ? `${lead.slice(0, 89).replace(/\s+\S*$/, "")}…` : lead;
  return `${announcement.account.name}: ${cut || "announcement"}`;
}

function renderEpisode(episode: PodcastEpisode, publicUrl: string): string {
  const { announcement } = episode;
  const audioUrl = `${publicUrl}/api/announcements/${encodeURIComponent(announcement.id)}/audio.mp3`;
  const pageUrl = `${publicUrl}/listen?id=${encodeURIComponent(announcement.id)}`;
  const description = [announcement.summary ? `Content warning: ${announcement.summary}` : null, announcement.text,
    ...announcement.attachments.map((attachment) => (attachment.alt ? `Image: ${attachment.alt}` : null))].filter(Boolean).join("\n\n");
  return `    <item>
      <title>${escapeXml(makeTitle(announcement))}</title>
      <link>${escapeXml(pageUrl)}</link>
      <guid isPermaLink="false">${escapeXml(announcement.uri)}</guid>
      <pubDate>${new Date(announcement.updated ?? announcement.published).toUTCString()}</pubDate>
      <description>${escapeXml(description)}</description>
      <enclosure url="${escapeXml(audioUrl)}" length="${episode.size}" type="audio/mpeg"/>
      <itunes:duration>${formatDuration((episode.size * 8) / (episode.kbps * 1000))}</itunes:duration>
      <itunes:explicit>false</itunes:explicit>
      <itunes:episodeType>full</itunes:episodeType>
    </item>`;
}

/** Renders the podcast feed of announcements' audio, newest first. */
export function renderPodcastFeed(options: { publicUrl: string; episodes: PodcastEpisode[]; title?: string; language?: string }): string {
  const { publicUrl, episodes } = options;
  const title = options.title ?? "Crier: public announcements, read aloud";
  const description = "Announcements from your council and public services, read aloud in their own language, with image descriptions.";
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>${escapeXml(title)}</title>
    <link>${escapeXml(`${publicUrl}/listen`)}</link>
    <atom:link href="${escapeXml(`${publicUrl}/podcast.xml`)}" rel="self" type="application/rss+xml"/>
    <description>${escapeXml(description)}</description>
    <language>${escapeXml(options.language ?? "en")}</language>
    <copyright>${escapeXml("Each announcement belongs to the organisation that posted it.")}</copyright>
    <itunes:author>Crier</itunes:author>
    <itunes:summary>${escapeXml(description)}</itunes:summary>
    <itunes:type>episodic</itunes:type>
    <itunes:image href="${escapeXml(`${publicUrl}/podcast-artwork.png`)}"/>
    <image>
      <url>${escapeXml(`${publicUrl}/podcast-artwork.png`)}</url>
      <title>${escapeXml(title)}</title>
      <link>${escapeXml(`${publicUrl}/listen`)}</link>
    </image>
    <itunes:category text="Government"/>
    <itunes:explicit>false</itunes:explicit>
${episodes.map((episode) => renderEpisode(episode, publicUrl)).join("\n")}
  </channel>
</rss>
`;
}
