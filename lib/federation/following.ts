import { Follow, getActorHandle, isActor, Undo, type Actor } from "@fedify/vocab";
import { convertActorProfile } from "../announcements/from-activity-streams";
import { normalizeLanguageTag } from "../announcements/language";
import { getCrierLogger } from "../log";
import { getStore } from "../store";
import type { Subscription } from "../store/types";
import { assertPublicHost, explainLookupFailure, FollowError, parseAccountReference } from "./account-lookup";
import { SERVICE_ACTOR } from "./actor";
import { createFederationContext } from "./federation";
import { getAnnouncementChanges } from "../changes/announcement-changes";
import { saveActorProfile } from "./ingest";

const logger = getCrierLogger("following");

/**
 * Follows an account: WebFinger and a signed lookup, then a Follow. Answers the
 * subscription: `pending` until the account accepts, or `error` with a reason a
 * person can act on (the failure is kept so the admin page shows it).
 */
export async function followAccount(input: { handle: string; language?: string | null }): Promise<Subscription> {
  const store = getStore();
  const language = input.language ? normalizeLanguageTag(input.language) : null;
  let reference;
  try {
    reference = parseAccountReference(input.handle);
  } catch (error) {
    return recordFailure(input.handle.trim().slice(0, 200), (error as Error).message, language);
  }
  const typedHandle = reference.kind === "handle" ? reference.handle : reference.url.href;
  const existing = await store.findSubscriptionByHandle(typedHandle);
  if (existing && (existing.state === "accepted" || existing.state === "pending")) return existing;

  const ctx = createFederationContext();
  let actor: Actor;
  try {
    await assertPublicHost(reference.kind === "handle" ? new URL(`https://${reference.host}/`) : reference.url);
    const documentLoader = await ctx.getDocumentLoader({ identifier: SERVICE_ACTOR });
    const found = await ctx.lookupObject(reference.kind === "handle" ? reference.handle : reference.url, { documentLoader });
    if (!found) throw new FollowError(await explainLookupFailure(reference));
    if (!isActor(found)) throw new FollowError(`${typedHandle} is not an account: it is ${article(found.constructor.name)}.`);
    actor = found;
  } catch (error) {
    const reason = error instanceof FollowError ? error.message : `Looking up ${typedHandle} failed: ${(error as Error).message}`;
    return recordFailure(typedHandle, reason, language);
  }

  const actorUri = actor.id!.href;
  const profile = convertActorProfile(await actor.toJsonLd());
  const handle = reference.kind === "handle" ? reference.handle : await resolveHandle(actor, actorUri);
  if (profile) await saveActorProfile({ ...profile, uri: actorUri }, handle);
  const followId = new URL(`/ap/follows/${crypto.randomUUID()}`, ctx.canonicalOrigin).href;
  const fields = {
    handle,
    actorUri,
    actorType: profile?.type ?? null,
    name: profile?.name ?? null,
    inbox: actor.inboxId?.href ?? null,
    state: "pending" as const,
    reason: null,
    followId,
    language,
  };
  const previous = existing ?? (await store.findSubscriptionByActor(actorUri)) ?? (await store.findSubscriptionByHandle(handle));
  const subscription = previous
    ? (await store.updateSubscription(previous.id, fields))!
    : await store.createSubscription(fields);
  await ctx.sendActivity(
    { identifier: SERVICE_ACTOR },
    actor,
    new Follow({ id: new URL(followId), actor: ctx.getActorUri(SERVICE_ACTOR), object: actor.id }),
  );
  logger.info("Sent a follow request to {handle}.", { handle });
  return subscription;
}

/** Unfollows (Undo Follow) and removes the account's announcements from display. */
export async function unfollowAccount(id: string): Promise<boolean> {
  const store = getStore();
  const subscription = await store.getSubscription(id);
  if (!subscription) return false;
  if (subscription.actorUri && subscription.followId && subscription.state !== "error") {
    const ctx = createFederationContext();
    const actorUri = new URL(subscription.actorUri);
    const inbox = subscription.inbox ? new URL(subscription.inbox) : null;
    if (inbox) {
      await ctx.sendActivity(
        { identifier: SERVICE_ACTOR },
        { id: actorUri, inboxId: inbox },
        new Undo({
          id: new URL(`#undo-${crypto.randomUUID()}`, subscription.followId),
          actor: ctx.getActorUri(SERVICE_ACTOR),
          object: new Follow({ id: new URL(subscription.followId), actor: ctx.getActorUri(SERVICE_ACTOR), object: actorUri }),
        }),
      );
    }
    await getAnnouncementChanges().hideAccount(subscription.actorUri);
  }
  await store.deleteSubscription(id);
  logger.info("Unfollowed {handle}.", { handle: subscription.handle });
  return true;
}

async function recordFailure(handle: string, reason: string, language: string | null): Promise<Subscription> {
  const store = getStore();
  logger.info("Could not follow {handle}: {reason}", { handle, reason });
  const existing = await store.findSubscriptionByHandle(handle);
  if (existing) return (await store.updateSubscription(existing.id, { state: "error", reason }))!;
  return store.createSubscription({
    handle, actorUri: null, actorType: null, name: null, inbox: null, state: "error", reason, followId: null, language,
  });
}

async function resolveHandle(actor: Actor, actorUri: string): Promise<string> {
  const fallback = `@${actor.preferredUsername ?? "unknown"}@${new URL(actorUri).host}`;
  try {
    const handle = await getActorHandle(actor);
    // Fedify drops the port of a host like localhost:8443 ("@council@"): keep only whole handles.
    return /^@[^@\s]+@[^@\s]+$/.test(handle) ? handle : fallback;
  } catch {
    return fallback;
  }
}

function article(typeName: string): string {
  return /^[AEIOU]/.test(typeName) ? `an ${typeName}` : `a ${typeName}`;
}
