import type { InboxContext } from "@fedify/fedify";
import { Activity, Follow, Reject } from "@fedify/vocab";
import { convertActivity, convertActorProfile, convertObject } from "../announcements/from-activity-streams";
import type { ActivityConversion, ActorProfile } from "../announcements/types";
import { getAnnouncementChanges } from "../changes/announcement-changes";
import { getCrierLogger } from "../log";
import { getStore } from "../store";
import type { Subscription } from "../store/types";
import { INBOX_PATH, SERVICE_ACTOR, SHARED_INBOX_PATH } from "./actor";
import { backfillAccount } from "./backfill";
import { confirmDeletion } from "./deletion-check";
import type { CrierFederation } from "./federation";
import { getAcceptedSubscription, keepAnnouncedPost, keepAuthoredPost, saveActorProfile } from "./ingest";
import { isSameOrigin } from "../announcements/authorship";
import { fetchRemoteJson, RemoteDocumentError } from "./remote-documents";
import { readSenderBody } from "./sender-body";

// One listener for every activity. The activity reached it through the trust check
// at the edge (lib/federation/delivery-trust.ts), which settled who sent it: Fedify's
// parsed actor. What it says is read once, by lib/announcements from the body the
// sender signed (never Fedify's re-serialisation, which drops terms its context
// lacks), then each kind goes to a short handler named for what happened.

const logger = getCrierLogger("inbox");
type Ctx = InboxContext<void>;
type Conversion<K extends ActivityConversion["kind"]> = Extract<ActivityConversion, { kind: K }>;

/** Routes every incoming activity through one conversion to a handler named for what happened. */
export function registerInbox(federation: CrierFederation): void {
  federation
    .setInboxListeners(INBOX_PATH, SHARED_INBOX_PATH)
    .setSharedKeyDispatcher(() => ({ identifier: SERVICE_ACTOR }))
    .on(Activity, onActivityReceived)
    .onError((_ctx, error) => {
      logger.error("Inbox listener failed: {error}", { error });
    });
}

async function onActivityReceived(ctx: Ctx, activity: Activity): Promise<void> {
  const senderUri = activity.actorId?.href;
  if (!senderUri) return logSkip(activity, "invalid", "no actor");
  const converted = convertActivity(readSenderBody(ctx));
  // The body as lib/announcements reads it must name the actor the trust check verified
  // (for a relayed Delete or Undo, the Group that relayed it).
  const claimed = "relayedBy" in converted && converted.relayedBy !== null ? converted.relayedBy : "actorUri" in converted ? converted.actorUri : null;
  if (claimed !== null && claimed !== senderUri) {
    return logSkip(activity, "invalid", `the body names ${claimed} as actor, the signature ${senderUri}`);
  }
  switch (converted.kind) {
    case "follow":
      return onFollowRequested(ctx, activity);
    case "follow-answer":
      return converted.answer === "accept" ? onFollowAccepted(ctx, converted) : onFollowRejected(converted);
    case "object":
    case "reference":
      return converted.activityType === "Announce" ? onPostShared(ctx, senderUri, converted) : onPostReceived(ctx, senderUri, converted);
    case "actor":
      return onProfileUpdated(senderUri, converted);
    case "delete":
      return converted.relayedBy !== null ? onDeleteRelayed(ctx, senderUri, converted) : onDeleted(senderUri, converted);
    case "undo":
      return converted.relayedBy !== null ? logSkip(activity, "unsupported", "a relayed Undo") : onUndone(senderUri, converted);
    case "collection":
      return logSkip(activity, "unsupported-type", "a collection is not an activity");
    case "skip":
      return logSkip(activity, converted.reason, converted.detail);
  }
}

/** Crier follows; it is not followed. Say so, instead of leaving the request pending. */
async function onFollowRequested(ctx: Ctx, follow: Activity) {
  if (!(follow instanceof Follow) || !follow.id) return;
  const follower = await follow.getActor();
  if (!follower) return;
  await ctx.sendActivity({ identifier: SERVICE_ACTOR }, follower, new Reject({
    id: new URL(`#reject-${crypto.randomUUID()}`, ctx.getActorUri(SERVICE_ACTOR)),
    actor: ctx.getActorUri(SERVICE_ACTOR),
    object: follow,
  }));
}

async function onFollowAccepted(ctx: Ctx, answer: Conversion<"follow-answer">) {
  const subscription = await findAnsweredSubscription(answer);
  if (!subscription) return;
  const accepted = await getStore().updateSubscription(subscription.id, { state: "accepted", reason: null });
  logger.info("{handle} accepted our follow.", { handle: subscription.handle });
  if (accepted) await backfillAccount(ctx, accepted);
}

async function onFollowRejected(answer: Conversion<"follow-answer">) {
  const subscription = await findAnsweredSubscription(answer);
  if (!subscription) return;
  await getStore().updateSubscription(subscription.id, {
    state: "rejected",
    reason: "The account turned down the follow request (it may approve followers by hand, or block this server).",
  });
  logger.info("{handle} rejected our follow.", { handle: subscription.handle });
}

/** Matches an Accept/Reject to our Follow by its id (never re-fetching our own Follow), from the followed actor. */
async function findAnsweredSubscription({ actorUri, followUri }: Conversion<"follow-answer">) {
  const store = getStore();
  const byFollowId = followUri ? await store.findSubscriptionByFollowId(followUri) : null;
  const subscription = byFollowId ?? (await store.findSubscriptionByActor(actorUri));
  if (!subscription || subscription.actorUri !== actorUri) {
    logger.info("Ignored an answer from {actor} to a follow we did not send.", { actor: actorUri });
    return null;
  }
  return subscription;
}

async function onPostReceived(ctx: Ctx, senderUri: string, converted: Conversion<"object" | "reference">) {
  const subscription = await getAcceptedSubscription(senderUri);
  if (!subscription) return;
  // WordPress announces a profile change as Update with just the actor's IRI.
  if (converted.kind === "reference" && converted.activityType === "Update" && converted.objectUri === senderUri) {
    return onProfileReferenced(ctx, subscription);
  }
  if (converted.kind === "object") {
    await keepAuthoredPost(subscription, converted.draft);
    return;
  }
  await keepReferencedPost(ctx, subscription, converted.objectUri);
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

async function onProfileUpdated(senderUri: string, { profile }: Conversion<"actor">) {
  const subscription = await getAcceptedSubscription(senderUri);
  if (subscription && profile.uri === subscription.actorUri) await saveFollowedProfile(subscription, profile);
}

/** The actor's own server is asked for the new profile: the IRI alone says nothing. */
async function onProfileReferenced(ctx: Ctx, subscription: Subscription) {
  const fetched = await fetchOrSkip(ctx, subscription.actorUri!);
  const profile = fetched ? convertActorProfile(fetched) : null;
  if (!profile || profile.uri !== subscription.actorUri) {
    return logger.info("Skipped a profile Update of {actor}: its document is not that actor.", { actor: subscription.actorUri });
  }
  await saveFollowedProfile(subscription, profile);
}

async function saveFollowedProfile(subscription: Subscription, profile: ActorProfile) {
  await saveActorProfile(profile);
  if (profile.name && profile.name !== subscription.name) await getStore().updateSubscription(subscription.id, { name: profile.name });
  logger.info("Updated the profile of {handle}.", { handle: subscription.handle });
}

async function onDeleted(senderUri: string, converted: Conversion<"delete">) {
  if (converted.isAccountDeletion) {
    return converted.objectUri === senderUri ? onAccountDeleted(senderUri) : undefined;
  }
  await getAnnouncementChanges().removeByAuthor(senderUri, converted.objectUri);
}

/** A Group relaying its member's Delete (Lemmy) is not the author: only the post's own server can say it is gone. */
async function onDeleteRelayed(ctx: Ctx, senderUri: string, converted: Conversion<"delete">) {
  if (!(await getAcceptedSubscription(senderUri))) return;
  await confirmDeletion(ctx, converted.objectUri);
}

async function onAccountDeleted(actorUri: string) {
  const store = getStore();
  const subscription = await store.findSubscriptionByActor(actorUri);
  if (!subscription) return;
  await getAnnouncementChanges().hideAccount(actorUri);
  await store.updateSubscription(subscription.id, { state: "error", reason: "The account was deleted on its server." });
  logger.info("{handle} was deleted on its server; its announcements are hidden.", { handle: subscription.handle });
}

async function onPostShared(ctx: Ctx, senderUri: string, converted: Conversion<"object" | "reference">) {
  const group = await getAcceptedSubscription(senderUri);
  if (!group) return;
  await keepAnnouncedPost(ctx, group, converted.kind === "object" ? { draft: converted.draft } : { objectUri: converted.objectUri });
}

async function onUndone(senderUri: string, converted: Conversion<"undo">) {
  if (converted.innerType === "Announce") {
    await getAnnouncementChanges().hideRelayed(senderUri, converted.objectUri);
  } else if (converted.innerType === "Create") {
    await getAnnouncementChanges().removeByAuthor(senderUri, converted.objectUri);
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
