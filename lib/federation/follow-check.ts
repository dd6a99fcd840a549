import type { Context } from "@fedify/fedify";
import { convertActivity, convertActorProfile } from "../announcements/from-activity-streams";
import { getCrierLogger } from "../log";
import { getStore } from "../store";
import type { Subscription } from "../store/types";
import { SERVICE_ACTOR } from "./actor";
import { createFederationContext } from "./federation";
import { fetchRemoteJson } from "./remote-documents";

// A follow can be lost without Crier hearing of it: an old Undo arriving late (before
// Crier dropped those), a server restored from a backup, an admin's clean-up. The
// account then stops sending, and Crier would show "Following" for ever. So each
// accepted subscription is checked now and then against the account's followers
// collection; a server that hides it, or lists more than a few pages, says nothing.

const logger = getCrierLogger("following");
const MAX_PAGES = 5;

export type FollowCheck = "listed" | "missing" | "unknown";

/** Whether the followed account's server still lists Crier among its followers. */
export async function checkFollowHeld(ctx: Context<void>, subscription: Subscription): Promise<FollowCheck> {
  if (!subscription.actorUri) return "unknown";
  const crier = ctx.getActorUri(SERVICE_ACTOR).href;
  try {
    const actor = convertActorProfile(await fetchRemoteJson(ctx, subscription.actorUri));
    if (!actor?.followers) return "unknown";
    let page: unknown = await fetchRemoteJson(ctx, actor.followers);
    let seen = 0;
    let totalItems: number | null = null;
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const converted = convertActivity(page);
      if (converted.kind !== "collection") return "unknown";
      totalItems ??= converted.totalItems ?? null;
      const ids = converted.itemIds ?? [];
      if (ids.includes(crier)) return "listed";
      seen += ids.length;
      if (!converted.nextUri) return seen > 0 || totalItems === 0 ? "missing" : "unknown";
      page = await fetchRemoteJson(ctx, converted.nextUri);
    }
    return "unknown";
  } catch (error) {
    logger.debug("Could not check the followers of {handle}: {error}", { handle: subscription.handle, error });
    return "unknown";
  }
}

/**
 * Checks every accepted subscription; one whose server no longer lists Crier becomes
 * `error` with a reason that says so, and the admin page offers to follow it again.
 */
export async function checkFollows(ctx: Context<void>): Promise<number> {
  const store = getStore();
  let lost = 0;
  for (const subscription of await store.listSubscriptions()) {
    if (subscription.state !== "accepted") continue;
    if ((await checkFollowHeld(ctx, subscription)) !== "missing") continue;
    // Re-read: an unfollow or a new follow may have happened while the collection was fetched.
    const current = await store.getSubscription(subscription.id);
    if (current?.state !== "accepted" || current.followId !== subscription.followId) continue;
    await store.updateSubscription(subscription.id, {
      state: "error",
      reason: "The account's server no longer lists Crier among its followers, so its posts stopped arriving. Follow it again.",
    });
    logger.warn("{handle} no longer lists Crier among its followers; marked as lost.", { handle: subscription.handle });
    lost++;
  }
  return lost;
}

/** Checks the follows every `intervalMs` (one round at a time) until the timer is cleared. */
export function startFollowChecks(intervalMs: number): NodeJS.Timeout {
  let isRunning = false;
  const timer = setInterval(() => {
    if (isRunning) return;
    isRunning = true;
    checkFollows(createFederationContext())
      .catch((error) => logger.warn("Checking the follows failed: {error}", { error }))
      .finally(() => { isRunning = false; });
  }, intervalMs);
  timer.unref();
  return timer;
}
