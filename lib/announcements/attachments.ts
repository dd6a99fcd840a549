import type { Attachment } from "./types";
import {
  isRecord,
  readDimension,
  readLinkUrl,
  readString,
  readTypes,
  toArray,
  truncateText,
} from "./as-values";
import { readFieldAsText } from "./html-to-text";

const MAX_ATTACHMENTS = 16;
const MAX_ALT_LENGTH = 1_500;
const ATTACHMENT_TYPES = ["Document", "Image", "Video", "Audio", "Link"];

interface LinkCandidate {
  url: string;
  mediaType: string | null;
  width: number | null;
  height: number | null;
}

export interface ObjectMedia {
  attachments: Attachment[];
  /** Web pages attached as links (Lemmy link posts): shown as links, not media. */
  pageLinks: string[];
}

const EXTENSION_TYPES: Record<string, string> = {
  png: "image/png", jpg: "image/jpeg", jpeg: "image/jpeg", gif: "image/gif",
  webp: "image/webp", avif: "image/avif", mp4: "video/mp4", webm: "video/webm",
  mov: "video/quicktime", mp3: "audio/mpeg", ogg: "audio/ogg", oga: "audio/ogg",
  opus: "audio/opus", m4a: "audio/mp4", wav: "audio/wav", flac: "audio/flac",
};

/** Reads a MIME type ("mediaType", or Funkwhale's and Prismo's "mimeType") without parameters. */
function readMediaType(value: unknown): string | null {
  const text = readString(value)?.toLowerCase().split(";")[0].trim();
  return text !== undefined && /^[a-z0-9][\w.+-]*\/[\w.+-]+$/.test(text) && text.length <= 127
    ? text
    : null;
}

function guessMediaType(url: string): string | null {
  try {
    const extension = new URL(url).pathname.split(".").pop()?.toLowerCase() ?? "";
    return EXTENSION_TYPES[extension] ?? null;
  } catch {
    return null;
  }
}

/** Flattens a `url`/`href` value (string, Link, Image with nested url, or an array of them). */
function readLinks(value: unknown, depth = 0): LinkCandidate[] {
  const links: LinkCandidate[] = [];
  for (const entry of toArray(value).slice(0, 64)) {
    if (typeof entry === "string") {
      const url = readLinkUrl(entry);
      if (url !== null) links.push({ url, mediaType: null, width: null, height: null });
      continue;
    }
    if (!isRecord(entry)) continue;
    const mediaType = readMediaType(entry.mediaType ?? entry.mimeType);
    const width = readDimension(entry.width);
    const height = readDimension(entry.height);
    const href = readLinkUrl(entry.href);
    if (href !== null) {
      links.push({ url: href, mediaType, width, height });
    } else if (depth < 2) {
      for (const nested of readLinks(entry.url, depth + 1)) {
        links.push({
          url: nested.url,
          mediaType: nested.mediaType ?? mediaType,
          width: nested.width ?? width,
          height: nested.height ?? height,
        });
      }
    }
  }
  return links;
}

/** Picks the web page URL of an object: PeerTube and Funkwhale list many Links, the text/html one is the page. */
export function readObjectUrl(value: unknown): string | null {
  const links = readLinks(value);
  const page =
    links.find((link) => link.mediaType === "text/html") ??
    links.find((link) => link.mediaType === null) ??
    links[0];
  return page?.url ?? null;
}

function readAlt(entry: Record<string, unknown>): string | null {
  // Mastodon puts alt text in `name`, GoToSocial in `summary`, Owncast in `content`.
  const raw = readString(entry.name) ?? readString(entry.summary) ?? readString(entry.content);
  if (raw === null) return null;
  const alt = readFieldAsText(raw).replace(/\s+/g, " ").trim();
  return alt === "" ? null : truncateText(alt, MAX_ALT_LENGTH);
}

function toAttachment(link: LinkCandidate, alt: string | null): Attachment {
  return {
    url: link.url,
    mediaType: link.mediaType ?? guessMediaType(link.url),
    alt,
    width: link.width,
    height: link.height,
  };
}

function isWebPage(mediaType: string | null): boolean {
  return mediaType === "text/html" || mediaType === "application/xhtml+xml";
}

function pickLargest(links: LinkCandidate[]): LinkCandidate | undefined {
  let best: LinkCandidate | undefined;
  for (const link of links) {
    if (best === undefined || (link.width ?? 0) > (best.width ?? 0)) best = link;
  }
  return best;
}

function readAttachmentEntry(entry: unknown, media: ObjectMedia): void {
  if (typeof entry === "string") {
    const url = readLinkUrl(entry);
    if (url !== null) {
      media.attachments.push(toAttachment({ url, mediaType: null, width: null, height: null }, null));
    }
    return;
  }
  if (!isRecord(entry)) return;
  const types = readTypes(entry.type);
  // PropertyValue, quoted Notes and the like are not media.
  if (types.length > 0 && !types.some((type) => ATTACHMENT_TYPES.includes(type))) return;
  const declared = readMediaType(entry.mediaType ?? entry.mimeType);
  const links = types.includes("Link") ? readLinks(entry) : readLinks(entry.url ?? entry.href);
  const link = links.find((candidate) => candidate.mediaType === declared) ?? links[0];
  if (link === undefined) return;
  const mediaType = declared ?? link.mediaType ?? guessMediaType(link.url);
  if (isWebPage(mediaType)) {
    media.pageLinks.push(link.url);
    return;
  }
  media.attachments.push({
    ...toAttachment({ ...link, mediaType }, readAlt(entry)),
    width: readDimension(entry.width) ?? link.width,
    height: readDimension(entry.height) ?? link.height,
  });
}

// Image, Audio and Video objects are themselves the media: it sits in their
// `url` (Hubzilla, Funkwhale), and for PeerTube videos a thumbnail in `icon`.
function readOwnMedia(object: Record<string, unknown>, type: string): Attachment[] {
  if (type === "Image") {
    const images = readLinks(object.url).filter((link) => !isWebPage(link.mediaType));
    const largest = pickLargest(images);
    return largest === undefined ? [] : [toAttachment(largest, null)];
  }
  if (type === "Audio") {
    const audio = readLinks(object.url).find((link) =>
      (link.mediaType ?? guessMediaType(link.url) ?? "").startsWith("audio/"));
    return audio === undefined ? [] : [toAttachment(audio, null)];
  }
  if (type === "Video") {
    const thumbnail = pickLargest(readLinks(object.icon));
    return thumbnail === undefined ? [] : [toAttachment(thumbnail, null)];
  }
  return [];
}

/** Reads an object's media attachments (at most 16, deduplicated by URL) and attached page links. */
export function readMedia(object: Record<string, unknown>, type: string): ObjectMedia {
  const media: ObjectMedia = { attachments: [], pageLinks: [] };
  for (const entry of toArray(object.attachment).slice(0, 64)) readAttachmentEntry(entry, media);
  media.attachments.push(...readOwnMedia(object, type));
  if (media.attachments.length === 0) {
    // A featured `image` (WordPress, Lemmy) stands in only when nothing else is attached.
    for (const link of readLinks(object.image).slice(0, 1)) {
      const alt = isRecord(object.image) ? readAlt(object.image) : null;
      media.attachments.push(toAttachment(link, alt));
    }
  }
  const seen = new Set<string>();
  media.attachments = media.attachments
    .filter((attachment) => !seen.has(attachment.url) && seen.add(attachment.url))
    .slice(0, MAX_ATTACHMENTS);
  media.pageLinks = [...new Set(media.pageLinks)].slice(0, MAX_ATTACHMENTS);
  return media;
}
