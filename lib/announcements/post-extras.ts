import type { PostBodyInput } from "./post-body";
import { escapeHtml, isRecord, readIsoDate, readString, toArray, truncateText } from "./as-values";

const MAX_POLL_OPTIONS = 20;
const MAX_OPTION_LENGTH = 200;

function readPollOptions(object: Record<string, unknown>): string[] {
  const options: string[] = [];
  for (const entry of [...toArray(object.oneOf), ...toArray(object.anyOf)]) {
    const name = isRecord(entry) ? readString(entry.name) : null;
    if (name !== null) options.push(truncateText(name.replace(/\s+/g, " "), MAX_OPTION_LENGTH));
    if (options.length === MAX_POLL_OPTIONS) break;
  }
  return options;
}

/** Formats an event time for reading; the event's own zone (Mobilizon `timezone`) when valid, else UTC. */
function formatEventTime(iso: string, timeZone: string | null): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: "long", day: "numeric", month: "long", year: "numeric",
    hour: "2-digit", minute: "2-digit", timeZoneName: "short",
  };
  for (const zone of [timeZone, "UTC"]) {
    if (zone === null) continue;
    try {
      return new Intl.DateTimeFormat("en-GB", { ...options, timeZone: zone }).format(new Date(iso));
    } catch {
      // An unknown zone name: fall through to UTC.
    }
  }
  return iso;
}

function readPlaceName(location: unknown): string | null {
  for (const place of toArray(location).slice(0, 4)) {
    if (typeof place === "string") return readString(place);
    if (!isRecord(place)) continue;
    const name = readString(place.name);
    if (name !== null) return name;
    const address = place.address;
    if (typeof address === "string") return readString(address);
    if (isRecord(address)) {
      const parts = [address.streetAddress, address.addressLocality, address.postalCode]
        .map(readString)
        .filter((part): part is string => part !== null);
      if (parts.length > 0) return parts.join(", ");
    }
  }
  return null;
}

function readEventLines(object: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const start = readIsoDate(object.startTime);
  if (start !== null) lines.push(`Starts: ${formatEventTime(start, readString(object.timezone))}`);
  const place = readPlaceName(object.location);
  if (place !== null) lines.push(`Location: ${truncateText(place, 300)}`);
  return lines;
}

function isLinkedIn(html: string, url: string): boolean {
  let canonical = url;
  try {
    canonical = new URL(url).href;
  } catch {
    // Already validated upstream; compare as sent.
  }
  // The sanitiser writes canonical hrefs with "&" escaped.
  return [url, canonical].some((form) => html.includes(form) || html.includes(escapeHtml(form)));
}

function renderLink(url: string): string {
  const escaped = escapeHtml(url);
  return `<p><a href="${escaped}">${escaped}</a></p>`;
}

/**
 * Builds the parts of a post that live outside `content`, as HTML to be
 * sanitised: poll options, event start and place, the video page, and attached
 * web pages the body does not already link to.
 */
export function readExtrasHtml(input: PostBodyInput, bodyHtml: string): string {
  const { object, type, objectUrl } = input;
  const parts: string[] = [];
  if (type === "Question") {
    const options = readPollOptions(object);
    if (options.length > 0) {
      parts.push(`<ul>${options.map((option) => `<li>${escapeHtml(option)}</li>`).join("")}</ul>`);
    }
  }
  if (type === "Event") {
    parts.push(...readEventLines(object).map((line) => `<p>${escapeHtml(line)}</p>`));
  }
  const links = type === "Video" && objectUrl !== null ? [objectUrl, ...input.pageLinks] : input.pageLinks;
  for (const url of new Set(links)) {
    if (!isLinkedIn(bodyHtml, url)) parts.push(renderLink(url));
  }
  return parts.join("");
}
