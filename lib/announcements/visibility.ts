import type { Visibility } from "./types";
import { isRecord, toArray } from "./as-values";

// Every spelling of the Public collection seen in the wild: the canonical IRI,
// the http:// form older Mastodon signed into activities, and the compacted
// JSON-LD forms some servers leave in place.
const PUBLIC_COLLECTION = new Set([
  "https://www.w3.org/ns/activitystreams#Public",
  "http://www.w3.org/ns/activitystreams#Public",
  "as:Public",
  "Public",
]);

/** Whether an addressing field (`to`, `cc`: a string, an object or an array) names the Public collection. */
export function isAddressedToPublic(field: unknown): boolean {
  return toArray(field).some((entry) => {
    const id = isRecord(entry) ? entry.id : entry;
    return typeof id === "string" && PUBLIC_COLLECTION.has(id.trim());
  });
}

/**
 * Reads how an object is addressed: "public" with Public in `to`, "unlisted"
 * with Public only in `cc`, null for followers-only and direct posts (and for
 * objects with no addressing at all), which Crier never shows.
 */
export function readVisibility(object: unknown): Visibility | null {
  if (!isRecord(object)) return null;
  if (isAddressedToPublic(object.to)) return "public";
  if (isAddressedToPublic(object.cc)) return "unlisted";
  return null;
}
