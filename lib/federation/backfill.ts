import type { Context } from "@fedify/fedify";
import { convertActivity, convertActorProfile } from "../announcements/from-activity-streams";
import { getCrierLogger } from "../log";
import type { Subscription } from "../store/types";
import { keepAnnouncedPost, keepAuthoredPost } from "./ingest";
import { fetchRemoteJson } from "./remote-documents";

const logger = getCrierLogger("backfill");

/** How many recent posts a new subscription brings in, and how many outbox pages that may take. */
export const BACKFILL_LIMIT = 40;
const PAGE_LIMIT = 5;

/**
 * Brings in an account's recent public posts from its outbox after it accepts our
 * follow. Walks the raw pages with signed fetches (authorized-fetch servers answer
 * those), newest first; a failure stops the walk and is logged, never thrown.
 */
export async function backfillAccount(ctx: Context<void>, subscription: Subscription): Promise<number> {
  if (!subscription.actorUri) return 0;
  let kept = 0;
  try {
    const actor = convertActorProfile(await fetchRemoteJson(ctx, subscription.actorUri));
    if (!actor?.outbox) return 0;
    let page: unknown = await fetchRemoteJson(ctx, actor.outbox);
    let seen = 0;
    for (let pages = 0; page && pages <= PAGE_LIMIT && seen < BACKFILL_LIMIT; pages++) {
      const converted = convertActivity(page);
      if (converted.kind !== "collection") break;
      for (const item of converted.items) {
        if (seen >= BACKFILL_LIMIT) break;
        seen++;
        if (await keepOutboxItem(ctx, subscription, item)) kept++;
      }
      page = converted.nextUri ? await fetchRemoteJson(ctx, converted.nextUri) : null;
    }
    logger.info("Backfilled {kept} announcements from {handle} ({seen} outbox items).", { kept, seen, handle: subscription.handle });
  } catch (error) {
    logger.warn("Backfill of {handle} stopped: {error}", { handle: subscription.handle, error });
  }
  return kept;
}

async function keepOutboxItem(ctx: Context<void>, subscription: Subscription, item: unknown): Promise<boolean> {
  const json = typeof item === "string" ? await fetchRemoteJson(ctx, item).catch(() => null) : item;
  if (!json) return false;
  const converted = convertActivity(json);
  if (converted.kind === "object" && converted.activityType === "Announce") {
    return keepAnnouncedPost(ctx, subscription, { draft: converted.draft });
  }
  if (converted.kind === "reference" && converted.activityType === "Announce") {
    return keepAnnouncedPost(ctx, subscription, { objectUri: converted.objectUri });
  }
  // A Group's outbox (a WordPress blog in blog-plus-authors mode) lists its members'
  // Creates: the same posts it relays by Announce, so they take the relay's path.
  const isGroup = subscription.actorType === "Group";
  if (converted.kind === "object") {
    const isMembersPost = isGroup && converted.draft.authorUri !== null && converted.draft.authorUri !== subscription.actorUri;
    return isMembersPost
      ? keepAnnouncedPost(ctx, subscription, { draft: converted.draft })
      : keepAuthoredPost(subscription, converted.draft);
  }
  if (converted.kind === "reference" && converted.activityType === "Create" && isGroup) {
    return keepAnnouncedPost(ctx, subscription, { objectUri: converted.objectUri });
  }
  return false;
}
