import type { InboxContext } from "@fedify/fedify";
import { Accept, Announce, Create, Delete, Follow, Reject, Undo, Update, type Activity } from "@fedify/vocab";
import { convertActivity, convertObject } from "../announcements/from-activity-streams";
import { getCrierLogger } from "../log";
import { getStore } from "../store";
import type { Subscription } from "../store/types";
import { INBOX_PATH, SERVICE_ACTOR, SHARED_INBOX_PATH } from "./actor";
import { backfillAccount } from "./backfill";
import { confirmDeletion } from "./deletion-check";
import type { CrierFederation } from "./federation";
import {
  getAcceptedSubscription,
  keepAnnouncedPost,
  keepAuthoredPost,
  publishRemoval,
  removeDeletedPost,
  saveActorProfile,
} from "./ingest";
import { fetchRemoteJson, isSameOrigin, RemoteDocumentError } from "./remote-documents";

const logger = getCrierLogger("inbox");
type Ctx = InboxContext<void>;

/** Routes each incoming activity to a short handler named for what happened. */
export function registerInbox(federation: CrierFederation): void {
  federation
    .setInboxListeners(INBOX_PATH, SHARED_INBOX_PATH)
    .setSharedKeyDispatcher(() => ({ identifier: SERVICE_ACTOR }))
    .on(Follow, onFollowRequested)
    .on(Accept, onFollowAccepted)
    .on(Reject, onFollowRejected)
    .on(Create, (ctx, activity) => onPostReceived(ctx, activity))
    .on(Update, (ctx, activity) => onPostReceived(ctx, activity))
    .on(Delete, onPostDeleted)
    .on(Announce, onPostShared)
    .on(Undo, onUndone)
    .onError((_ctx, error) => {
      logger.error("Inbox listener failed: {error}", { error });
    });
}

/** Crier follows; it is not followed. Say so, instead of leaving the request pending. */
async function onFollowRequested(ctx: Ctx, follow: Follow) {
  if (!follow.id || !follow.actorId) return;
  const follower = await follow.getActor();
  if (!follower) return;
  await ctx.sendActivity({ identifier: SERVICE_ACTOR }, follower, new Reject({
    id: new URL(`#reject-${crypto.randomUUID()}`, ctx.getActorUri(SERVICE_ACTOR)),
    actor: ctx.getActorUri(SERVICE_ACTOR),
    object: follow,
  }));
}

async function onFollowAccepted(ctx: Ctx, accept: Accept) {
  const subscription = await findAnsweredSubscription(accept);
  if (!subscription) return;
  const accepted = await getStore().updateSubscription(subscription.id, { state: "accepted", reason: null });
  logger.info("{handle} accepted our follow.", { handle: subscription.handle });
  if (accepted) await backfillAccount(ctx, accepted);
}

async function onFollowRejected(_ctx: Ctx, reject: Reject) {
  const subscription = await findAnsweredSubscription(reject);
  if (!subscription) return;
  await getStore().updateSubscription(subscription.id, {
    state: "rejected",
    reason: "The account turned down the follow request (it may approve followers by hand, or block this server).",
  });
  logger.info("{handle} rejected our follow.", { handle: subscription.handle });
}

/** Matches an Accept/Reject to our Follow by its id (never re-fetching our own Follow), from the followed actor. */
async function findAnsweredSubscription(answer: Accept | Reject) {
  const actorUri = answer.actorId?.href;
  if (!actorUri) return null;
  const store = getStore();
  const byFollowId = answer.objectId ? await store.findSubscriptionByFollowId(answer.objectId.href) : null;
  const subscription = byFollowId ?? (await store.findSubscriptionByActor(actorUri));
  if (!subscription || subscription.actorUri !== actorUri) {
    logger.info("Ignored an answer from {actor} to a follow we did not send.", { actor: actorUri });
    return null;
  }
  return subscription;
}

async function onPostReceived(ctx: Ctx, activity: Create | Update) {
  const subscription = await getAcceptedSubscription(activity.actorId?.href);
  if (!subscription) return;
  const converted = convertActivity(await activity.toJsonLd());
  switch (converted.kind) {
    case "object":
      await keepAuthoredPost(subscription, converted.draft);
      return;
    case "reference":
      return keepReferencedPost(ctx, subscription, converted.objectUri);
    case "actor":
      if (converted.profile.uri === subscription.actorUri) await saveActorProfile(converted.profile);
      return;
    case "skip":
      return logSkip(activity, converted.reason, converted.detail);
    default:
      return logSkip(activity, "unsupported", converted.kind);
  }
}

async function keepReferencedPost(ctx: Ctx, subscription: Subscription, objectUri: string) {
  // Only the actor's own server can hold its post: never fetch anything else on its word.
  if (!isSameOrigin(objectUri, subscription.actorUri!)) {
    return logger.info("Skipped {uri}: {actor} cannot vouch for an object on another server.", { uri: objectUri, actor: subscription.actorUri });
  }
  const fetched = await fetchOrSkip(ctx, objectUri);
  if (!fetched) return;
  const result = convertObject(fetched);
  if (!result.ok) return logger.info("Skipped {uri}: {reason} ({detail}).", { uri: objectUri, reason: result.reason, detail: result.detail });
  await keepAuthoredPost(subscription, result.draft);
}

async function onPostDeleted(_ctx: Ctx, activity: Delete) {
  const actorUri = activity.actorId?.href;
  const converted = convertActivity(await activity.toJsonLd());
  if (!actorUri || converted.kind !== "delete") return logSkip(activity, "malformed", converted.kind);
  if (converted.isAccountDeletion || converted.objectUri === actorUri) {
    return converted.objectUri === actorUri ? onAccountDeleted(actorUri) : undefined;
  }
  await removeDeletedPost(actorUri, converted.objectUri);
}

async function onAccountDeleted(actorUri: string) {
  const store = getStore();
  const subscription = await store.findSubscriptionByActor(actorUri);
  if (!subscription) return;
  publishRemoval(await store.hideAnnouncementsOfAccount(actorUri));
  await store.updateSubscription(subscription.id, { state: "error", reason: "The account was deleted on its server." });
  logger.info("{handle} was deleted on its server; its announcements are hidden.", { handle: subscription.handle });
}

async function onPostShared(ctx: Ctx, announce: Announce) {
  const group = await getAcceptedSubscription(announce.actorId?.href);
  if (!group) return;
  const converted = convertActivity(await announce.toJsonLd());
  if (converted.kind === "object") {
    await keepAnnouncedPost(ctx, group, { draft: converted.draft });
    return;
  }
  if (converted.kind === "reference") {
    await keepAnnouncedPost(ctx, group, { objectUri: converted.objectUri });
    return;
  }
  // A Group relaying its member's Delete (Lemmy) is not the author: only the post's own server can say it is gone.
  if (converted.kind === "delete") {
    await confirmDeletion(ctx, converted.objectUri);
    return;
  }
  logSkip(announce, converted.kind === "skip" ? converted.reason : "unsupported", converted.kind);
}

async function onUndone(_ctx: Ctx, undo: Undo) {
  const actorUri = undo.actorId?.href;
  const converted = convertActivity(await undo.toJsonLd());
  if (!actorUri || converted.kind !== "undo" || !converted.objectUri) return;
  if (converted.innerType === "Announce") {
    const removed = await getStore().hideAnnouncedBy(actorUri, converted.objectUri);
    if (removed) publishRemoval([removed]);
  } else if (converted.innerType === "Create") {
    await removeDeletedPost(actorUri, converted.objectUri);
  }
}

async function fetchOrSkip(ctx: Ctx, uri: string) {
  try {
    return await fetchRemoteJson(ctx, uri);
  } catch (error) {
    // Throwing makes Fedify retry later (bounded); only worth it when the server may recover.
    if (error instanceof RemoteDocumentError && error.isTransient) throw error;
    logger.info("Skipped {uri}: {error}", { uri, error });
    return null;
  }
}

function logSkip(activity: Activity, reason: string, detail: string) {
  logger.info("Skipped {type} {id}: {reason} ({detail}).", {
    type: activity.constructor.name,
    id: activity.id?.href,
    reason,
    detail,
  });
}
