import type { Context } from "@fedify/fedify";
import { isTombstone } from "../announcements/from-activity-streams";
import { getCrierLogger } from "../log";
import { getStore } from "../store";
import { getAnnouncementChanges } from "../changes/announcement-changes";
import { fetchRemoteJson, RemoteDocumentError } from "./remote-documents";

// A Delete Crier cannot attribute to the post's author (a Group relaying it, or
// NodeBB signing a moderator's removal with the moderator's key) is not believed;
// the post's own server is asked instead, and only its word removes the post.

const logger = getCrierLogger("ingest");

/** At most this many confirmations at once; more are dropped (the sender can send again). */
const MAX_IN_FLIGHT = 16;
const inFlight = new Set<string>();

/** What the post's own server said, and what was done. */
export type DeletionCheck = "removed" | "still-there" | "unknown" | "not-stored" | "busy";

/** Fetches a stored post from its own server and removes it only if the server answers 404, 410 or a Tombstone. */
export async function confirmDeletion(ctx: Context<void>, objectUri: string): Promise<DeletionCheck> {
  if (inFlight.has(objectUri) || inFlight.size >= MAX_IN_FLIGHT) return "busy";
  inFlight.add(objectUri);
  try {
    const store = getStore();
    if (!(await store.getAnnouncementByUri(objectUri))) return "not-stored";
    let isGone: boolean;
    try {
      isGone = isTombstone(await fetchRemoteJson(ctx, objectUri));
    } catch (error) {
      if (!(error instanceof RemoteDocumentError) || !error.isGone) {
        logger.info("Could not confirm the deletion of {uri}; it stays: {error}", { uri: objectUri, error });
        return "unknown";
      }
      isGone = true;
    }
    if (!isGone) {
      logger.warn("Ignored a Delete of {uri}: its own server still serves it.", { uri: objectUri });
      return "still-there";
    }
    await getAnnouncementChanges().removeConfirmedGone(objectUri);
    logger.info("Removed {uri}: its own server says it is gone.", { uri: objectUri });
    return "removed";
  } finally {
    inFlight.delete(objectUri);
  }
}
