import { createHash } from "node:crypto";

/** A short, URL-safe id that is stable for an object IRI, so re-delivery maps to the same announcement. */
export function getAnnouncementId(uri: string): string {
  return createHash("sha256").update(uri).digest("base64url").slice(0, 16);
}
