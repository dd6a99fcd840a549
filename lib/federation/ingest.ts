import type { Context } from "@fedify/fedify";
import { convertActorProfile, convertObject } from "../announcements/from-activity-streams";
import type { ActorProfile, AnnouncementDraft } from "../announcements/types";
import { getAnnouncementChanges } from "../changes/announcement-changes";
import { getCrierLogger } from "../log";
import { getStore } from "../store";
import { isTrustedDomain } from "../env";
import type { Subscription } from "../store/types";
import { dropLinksToPrivateNames } from "./private-names";
import { isSameOrigin } from "../announcements/authorship";
import { fetchRemoteJson, RemoteDocumentError } from "./remote-documents";

const logger = getCrierLogger("ingest");

/** The followed account an activity comes from, or null (logged) when we do not follow it. */
export async function getAcceptedSubscription(actorUri: string | null | undefined): Promise<Subscription | null> {
  if (!actorUri) return null;
  const subscription = await getStore().findSubscriptionByActor(actorUri);
  if (subscription?.state === "accepted") return subscription;
  logger.info("Skipped an activity from {actor}: not a followed account.", { actor: actorUri });
  return null;
}

/**
 * Keeps a post its own author sent us (Create, Update, backfill). The object must
 * be attributed to the sending actor and live on the actor's server.
 */
export async function keepAuthoredPost(subscription: Subscription, draft: AnnouncementDraft): Promise<boolean> {
  return keepPost(draft, subscription.actorUri!, null, subscription.language);
}

/** Hands a post to the write path, once links to names on private addresses are gone. */
async function keepPost(draft: AnnouncementDraft, accountUri: string, viaUri: string | null, accountLanguage: string | null): Promise<boolean> {
  const screened = await dropLinksToPrivateNames(draft, accountUri);
  const outcome = await getAnnouncementChanges().keepPost({ draft: screened, accountUri, viaUri, accountLanguage });
  return outcome === "created" || outcome === "updated" || outcome === "unchanged";
}

/**
 * Keeps a post a followed Group announced, or a followed account boosted (per its
 * `boosts` setting). An embedded copy from another server is not trusted: the post is
 * fetched from its own origin, and shown under its own author.
 */
export async function keepAnnouncedPost(
  ctx: Context<void>,
  group: Subscription,
  announced: { draft?: AnnouncementDraft; objectUri?: string },
): Promise<boolean> {
  const groupUri = group.actorUri!;
  // A Group relays its members' posts; anyone else's boosts are shown only where the
  // subscription's `boosts` setting says so (none, trusted domains' authors, or all).
  const isBoost = group.actorType !== "Group";
  if (isBoost && group.boosts === "none") {
    logger.info("Skipped a boost by {actor}: its subscription shows no boosts.", { actor: groupUri });
    return false;
  }
  const embedded = announced.draft;
  const draft = embedded && isSameOrigin(embedded.uri, groupUri)
    ? embedded
    : await fetchPost(ctx, embedded?.uri ?? announced.objectUri);
  if (!draft) return false;
  if (!draft.authorUri || !isSameOrigin(draft.uri, draft.authorUri)) {
    logger.warn("Skipped announced {uri}: its author {author} is on another server.", { uri: draft.uri, author: draft.authorUri });
    return false;
  }
  if (isBoost && group.boosts === "trusted" && !isTrustedDomain(new URL(draft.authorUri).hostname)) {
    logger.info("Skipped a boost by {actor} of {uri}: its author is not on TRUSTED_DOMAINS (boosts: trusted).", { actor: groupUri, uri: draft.uri });
    return false;
  }
  if (!(await getStore().getAccount(draft.authorUri))) {
    await rememberAuthor(ctx, draft.authorUri);
  }
  // A Group's own post (in its outbox beside its members') is not relayed; a boost is
  // credited to the account that shared it; a Group's relay is its members' own post.
  const credited = isBoost ? { ...draft, sharedBy: { name: group.name ?? group.handle, handle: group.handle } } : draft;
  return keepPost(credited, draft.authorUri, draft.authorUri === groupUri ? null : groupUri, group.language);
}

/** Saves an actor's display details so announcements can show who wrote them. */
export async function saveActorProfile(profile: ActorProfile, handle?: string): Promise<void> {
  const host = new URL(profile.uri).host;
  const username = profile.preferredUsername ?? new URL(profile.uri).pathname.split("/").filter(Boolean).pop() ?? "unknown";
  const resolvedHandle = handle ?? (await getStore().getAccount(profile.uri))?.handle ?? `@${username}@${host}`;
  await getStore().upsertAccount({
    uri: profile.uri,
    handle: resolvedHandle,
    name: profile.name?.trim() || username,
    url: profile.url,
    avatarUrl: profile.avatarUrl,
  });
}

async function fetchPost(ctx: Context<void>, uri: string | undefined): Promise<AnnouncementDraft | null> {
  if (!uri) return null;
  let json;
  try {
    json = await fetchRemoteJson(ctx, uri);
  } catch (error) {
    // Throwing makes Fedify retry later (bounded); only worth it when the server may recover.
    if (error instanceof RemoteDocumentError && error.isTransient) throw error;
    logger.info("Skipped announced {uri}: {error}", { uri, error });
    return null;
  }
  const result = convertObject(json);
  if (result.ok) return result.draft;
  logger.info("Skipped announced {uri}: {reason} ({detail}).", { uri, reason: result.reason, detail: result.detail });
  return null;
}

async function rememberAuthor(ctx: Context<void>, authorUri: string): Promise<void> {
  try {
    const profile = convertActorProfile(await fetchRemoteJson(ctx, authorUri));
    if (profile && profile.uri === authorUri) await saveActorProfile(profile);
  } catch (error) {
    logger.info("Could not fetch the author {author}; showing the post without a name: {error}", { author: authorUri, error });
  }
}
