import type { Context } from "@fedify/fedify";
import {
  convertActorProfile,
  convertObject,
  dropForeignPrivateLinks,
  isAuthoredBy,
} from "../announcements/from-activity-streams";
import { guessLanguageFromScript } from "../announcements/language";
import type { ActorProfile, AnnouncementDraft } from "../announcements/types";
import { getEventBus } from "../events/bus";
import { getCrierLogger } from "../log";
import { getStore } from "../store";
import type { Subscription } from "../store/types";
import { dropLinksToPrivateNames } from "./private-names";
import { fetchRemoteJson, isSameOrigin, RemoteDocumentError } from "./remote-documents";

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
  const actorUri = subscription.actorUri!;
  if (!isAuthoredBy(draft, actorUri)) {
    logger.warn("Skipped {uri}: {actor} sent an object it did not author (attributed to {author}).", {
      uri: draft.uri,
      actor: actorUri,
      author: draft.authorUri,
    });
    return false;
  }
  return storeDraft(draft, actorUri, null, subscription.language);
}

/**
 * Keeps a post a followed Group announced. An embedded copy from another server is
 * not trusted: the post is fetched from its own origin.
 */
export async function keepAnnouncedPost(
  ctx: Context<void>,
  group: Subscription,
  announced: { draft?: AnnouncementDraft; objectUri?: string },
): Promise<boolean> {
  const groupUri = group.actorUri!;
  // DESIGN.md: only a followed Group's announces are kept; a person's boosts are theirs to share, not ours.
  if (group.actorType !== "Group") {
    logger.info("Skipped an Announce by {actor}: only Groups' announces are kept.", { actor: groupUri });
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
  if (!(await getStore().getAccount(draft.authorUri))) {
    await rememberAuthor(ctx, draft.authorUri);
  }
  return storeDraft(draft, draft.authorUri, groupUri, group.language);
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

/**
 * Why a post may not replace what is stored under its IRI: it belongs to another
 * account (a server's other user reusing the IRI), or it is older than the stored
 * version (a replayed Create or an out-of-order Update); null when it may.
 */
async function findConflict(draft: AnnouncementDraft, accountUri: string): Promise<string | null> {
  const existing = await getStore().getAnnouncementByUri(draft.uri);
  if (!existing) return null;
  if (existing.account.uri !== accountUri) return `it belongs to ${existing.account.uri}`;
  if (existing.updated !== null && (draft.updated === null || draft.updated < existing.updated)) {
    return `it is older than the version of ${existing.updated}`;
  }
  return null;
}

async function storeDraft(draft: AnnouncementDraft, accountUri: string, viaUri: string | null, accountLanguage: string | null): Promise<boolean> {
  const conflict = await findConflict(draft, accountUri);
  if (conflict !== null) {
    logger.warn("Skipped {uri} from {account}: {conflict}.", { uri: draft.uri, account: accountUri, conflict });
    return false;
  }
  draft = await dropLinksToPrivateNames(dropForeignPrivateLinks(draft, accountUri), accountUri);
  if (draft.truncated) {
    logger.warn("Truncated {fields} of {uri}: larger than Crier keeps.", { fields: draft.truncated.join(", "), uri: draft.uri });
  }
  const language = draft.language ?? accountLanguage ?? guessLanguageFromScript(draft.text) ?? "und";
  const { change, announcement } = await getStore().putAnnouncement({ draft, accountUri, viaUri, language });
  if (announcement && (change === "created" || change === "updated")) {
    getEventBus().publish({ type: `announcement.${change}`, announcement });
    logger.info("Announcement {id} {change} from {uri}.", { id: announcement.id, change, uri: draft.uri });
  } else if (change === "ignored") {
    logger.info("Ignored {uri}: its author deleted it earlier.", { uri: draft.uri });
  } else if (change === "limited") {
    logger.warn("Skipped an edit of {uri}: {account} has made more edits this hour than ACCOUNT_UPDATES_PER_HOUR allows.", { uri: draft.uri, account: accountUri });
  }
  return announcement !== null && change !== "ignored" && change !== "limited";
}

/** Removes a post its author deleted, from every renderer. */
export async function removeDeletedPost(actorUri: string, objectUri: string): Promise<void> {
  const store = getStore();
  const existing = await store.getAnnouncementByUri(objectUri);
  if (existing && existing.account.uri !== actorUri) {
    logger.warn("Ignored a Delete of {uri} by {actor}, who is not its author.", { uri: objectUri, actor: actorUri });
    return;
  }
  if (!existing && !isSameOrigin(objectUri, actorUri)) return;
  const removed = await store.deleteAnnouncement(objectUri);
  if (removed) publishRemoval([removed]);
}

/** Tells every renderer that these announcements are gone. */
export function publishRemoval(removed: { id: string; uri: string }[]): void {
  for (const announcement of removed) {
    getEventBus().publish({ type: "announcement.deleted", id: announcement.id, uri: announcement.uri });
  }
}
