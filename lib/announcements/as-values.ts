// Small readers for ActivityStreams values. Servers send single values where
// arrays are usual, objects where IRIs are usual (and the other way round),
// prefixed names ("as:Public") and numbers as strings, so every field goes
// through one of these instead of being trusted as typed.

/** Longest URL we keep; longer ones are dropped rather than truncated. */
const MAX_URL_LENGTH = 2_048;

const AS_NAMESPACE = "https://www.w3.org/ns/activitystreams#";

/** Whether a value is a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Wraps a single value in an array; null and undefined become an empty array. */
export function toArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Reads a non-empty trimmed string, or null. */
export function readString(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/** Reads `type` as a list of names, with `as:` and full-IRI prefixes removed. */
export function readTypes(value: unknown): string[] {
  const types: string[] = [];
  for (const entry of toArray(value)) {
    const name = readString(entry);
    if (name === null) continue;
    if (name.startsWith(AS_NAMESPACE)) types.push(name.slice(AS_NAMESPACE.length));
    else if (name.startsWith("as:")) types.push(name.slice(3));
    else types.push(name);
  }
  return types;
}

/** Returns the first of `types` that is in `supported`, or null. */
export function pickSupportedType<T extends string>(
  types: string[],
  supported: readonly T[],
): T | null {
  for (const type of types) {
    if ((supported as readonly string[]).includes(type)) return type as T;
  }
  return null;
}

/**
 * Validates an absolute http(s) URL of bounded length and returns it as sent
 * (trimmed), so ids stay byte-identical for lookups; null otherwise.
 */
export function readHttpUrl(value: unknown): string | null {
  const text = readString(value);
  if (text === null || text.length > MAX_URL_LENGTH) return null;
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? text : null;
  } catch {
    return null;
  }
}

/**
 * Like `readHttpUrl`, for links and media rather than ids, and returned in the
 * parser's canonical form (spaces, quotes and angle brackets percent-encoded), as
 * pages and feeds put it in attributes. WordPress HTML-escapes "&" inside JSON URLs
 * ("?fit=980&#038;ssl=1"), which would otherwise turn the rest of the query into a fragment.
 */
export function readLinkUrl(value: unknown): string | null {
  const text = readString(value);
  const url = text === null ? null : readHttpUrl(text.replace(/&#0*38;|&amp;/g, "&"));
  return url === null ? null : new URL(url).href;
}

/** Reads an IRI given either as a string or as an object with an `id`. */
export function readId(value: unknown): string | null {
  if (typeof value === "string") return readHttpUrl(value);
  if (isRecord(value)) return readHttpUrl(value.id);
  return null;
}

/** Reads the first IRI of a value that may be a string, an object or an array of those. */
export function readFirstId(value: unknown): string | null {
  for (const entry of toArray(value)) {
    const id = readId(entry);
    if (id !== null) return id;
  }
  return null;
}

/** Reads a positive pixel size given as a number or numeric string. */
export function readDimension(value: unknown): number | null {
  const number = typeof value === "string" ? Number(value) : value;
  if (typeof number !== "number" || !Number.isFinite(number)) return null;
  const rounded = Math.round(number);
  return rounded > 0 && rounded <= 100_000 ? rounded : null;
}

const ISO_DATE =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses an ISO 8601 timestamp into canonical UTC ISO form, or null. A missing
 * zone (Pleroma's `closed`) is read as UTC so results do not depend on the
 * host's time zone; "+0000" without a colon (Pixelfed) is accepted.
 */
export function readIsoDate(value: unknown): string | null {
  const text = readString(value);
  if (text === null || text.length > 64) return null;
  const match = ISO_DATE.exec(text);
  if (match === null) return null;
  const [, day, minutes, seconds, fraction, zone] = match;
  const time = minutes === undefined ? "00:00" : minutes;
  const secs = seconds ?? "00";
  const millis = (fraction ?? "").padEnd(3, "0").slice(0, 3);
  let offset = zone === undefined ? "Z" : zone.toUpperCase();
  if (/^[+-]\d{4}$/.test(offset)) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const date = new Date(`${day}T${time}:${secs}.${millis}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Cuts text to at most `max` characters, ending with "…" when it was cut. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return "…";
  let cut = text.slice(0, max - 1);
  // Never leave half of a surrogate pair (an emoji) at the end.
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Escapes text for use inside HTML element content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
