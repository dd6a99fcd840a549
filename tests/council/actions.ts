// What the control API does: create, edit, delete and boost posts, each followed
// by the activity Mastodon would send, delivered before the call returns.
import type { Context } from "@fedify/fedify";
import { isActor } from "@fedify/vocab";
import type { Recipient } from "@fedify/vocab";
import { deliverActivity, followerToRecipient, inboxToRecipient } from "./delivery.ts";
import type { DeliveryResult } from "./delivery.ts";
import {
  buildAnnounce, buildCreate, buildDelete, buildPostObject, buildUndoAnnounce, buildUpdate,
  getActivityIri, getPostIri, getPostUrl, resolveAttachment,
} from "./posts.ts";
import type { PostInput, PostPatch } from "./posts.ts";
import type { AnnounceRecord, MentionRecord, PostRecord, StateFile } from "./state.ts";

export interface PostResult {
  id: string;
  shortId: string;
  activityId: string;
  url: string;
  delivered: DeliveryResult[];
}

/** Looks up `to` entries with a signed fetch: actors become mentions, anything else is taken as a bare inbox URL. */
async function resolveAddressees(ctx: Context<void>, actor: string, to: readonly string[]): Promise<{ mentions: MentionRecord[]; inboxes: string[] }> {
  const documentLoader = await ctx.getDocumentLoader({ identifier: actor });
  const mentions: MentionRecord[] = [];
  const inboxes: string[] = [];
  for (const iri of to) {
    const object = await ctx.lookupObject(iri, { documentLoader }).catch(() => null);
    if (object == null || !isActor(object) || object.id == null) {
      inboxes.push(iri);
      continue;
    }
    mentions.push({
      id: object.id.href,
      name: `@${object.preferredUsername ?? "someone"}@${object.id.host}`,
      url: object.url instanceof URL ? object.url.href : object.id.href,
      inbox: object.inboxId?.href,
      sharedInbox: object.endpoints?.sharedInbox?.href,
    });
  }
  return { mentions, inboxes };
}

function getRecipients(store: StateFile, post: PostRecord, options: { toFollowers: boolean; inboxes: readonly string[] }): Recipient[] {
  const followers = options.toFollowers && post.visibility !== "direct"
    ? store.state.followers.filter((item) => item.actor === post.actor).map(followerToRecipient)
    : [];
  const mentioned = post.mentions
    .filter((mention) => mention.inbox != null)
    .map((mention): Recipient => ({
      id: new URL(mention.id),
      inboxId: new URL(mention.inbox ?? mention.id),
      endpoints: { sharedInbox: mention.sharedInbox == null ? null : new URL(mention.sharedInbox) },
    }));
  return [...followers, ...mentioned, ...options.inboxes.map(inboxToRecipient)];
}

function applyFields(ctx: Context<void>, post: PostRecord, input: PostPatch): void {
  if (input.content != null) post.source = input.content;
  if (input.language != null) post.language = input.language;
  if (input.summary != null) post.summary = input.summary === "" ? undefined : input.summary;
  if (input.sensitive != null) post.sensitive = input.sensitive;
  else if (input.summary != null) post.sensitive = post.summary != null;
  if (input.visibility != null) post.visibility = input.visibility;
  if (input.type != null) post.type = input.type;
  if (input.name != null) post.name = input.name;
  if (input.inReplyTo != null) post.inReplyTo = input.inReplyTo;
  if (input.tags != null) post.tags = input.tags.map((tag) => tag.replace(/^#/, ""));
  if (input.attachments != null) post.attachments = input.attachments.map((item) => resolveAttachment(item, ctx.canonicalOrigin));
}

/** Creates a post in `actor`'s outbox and sends its Create; throws RangeError for a missing media file. */
export async function createPost(ctx: Context<void>, store: StateFile, actor: string, input: PostInput): Promise<PostResult> {
  // Mastodon's timestamps have whole seconds.
  const published = new Date(Math.floor((input.published == null ? Date.now() : Date.parse(input.published)) / 1000) * 1000);
  const addressees = await resolveAddressees(ctx, actor, input.to ?? []);
  const post: PostRecord = {
    id: store.nextId(published),
    actor,
    type: "Note",
    source: "",
    sensitive: false,
    visibility: "public",
    attachments: [],
    tags: [],
    mentions: addressees.mentions,
    published: published.toISOString(),
  };
  applyFields(ctx, post, input);
  store.state.posts.push(post);
  store.save();
  const create = buildCreate(ctx, post);
  const recipients = getRecipients(store, post, { toFollowers: input.deliver ?? true, inboxes: [...addressees.inboxes, ...(input.inboxes ?? [])] });
  const delivered = await deliverActivity(ctx, actor, recipients, create);
  return { id: getPostIri(ctx, post).href, shortId: post.id, activityId: getActivityIri(ctx, post).href, url: getPostUrl(ctx, post).href, delivered };
}

export async function updatePost(ctx: Context<void>, store: StateFile, post: PostRecord, input: PostPatch): Promise<PostResult> {
  const addressees = input.to == null ? { mentions: post.mentions, inboxes: [] } : await resolveAddressees(ctx, post.actor, input.to);
  applyFields(ctx, post, input);
  post.mentions = addressees.mentions;
  if (input.published != null) post.published = new Date(input.published).toISOString();
  post.updated = new Date(Math.floor(Math.max(Date.now(), Date.parse(post.published) + 1000) / 1000) * 1000).toISOString();
  store.save();
  const update = buildUpdate(ctx, post);
  const recipients = getRecipients(store, post, { toFollowers: input.deliver ?? true, inboxes: [...addressees.inboxes, ...(input.inboxes ?? [])] });
  const delivered = await deliverActivity(ctx, post.actor, recipients, update);
  return { id: getPostIri(ctx, post).href, shortId: post.id, activityId: update.id?.href ?? "", url: getPostUrl(ctx, post).href, delivered };
}

export async function deletePost(ctx: Context<void>, store: StateFile, post: PostRecord, options: { deliver?: boolean; inboxes?: string[] }): Promise<PostResult> {
  const iri = getPostIri(ctx, post).href;
  store.state.posts = store.state.posts.filter((item) => item !== post);
  store.state.announces = store.state.announces.filter((item) => item.object !== iri);
  store.state.deleted.push(iri);
  store.save();
  const activity = buildDelete(ctx, post);
  const recipients = getRecipients(store, post, { toFollowers: options.deliver ?? true, inboxes: options.inboxes ?? [] });
  const delivered = await deliverActivity(ctx, post.actor, recipients, activity);
  return { id: iri, shortId: post.id, activityId: activity.id?.href ?? "", url: getPostUrl(ctx, post).href, delivered };
}

/** Finds a post by short id, IRI or permalink. */
export function findPost(ctx: Context<void>, store: StateFile, reference: string): PostRecord | undefined {
  return store.state.posts.find((post) =>
    post.id === reference || getPostIri(ctx, post).href === reference || getPostUrl(ctx, post).href === reference);
}

/** `actor` boosts a post (ours by id or IRI, or any other IRI) to its followers, as a Lemmy community or Mastodon boost does. */
export async function announceObject(ctx: Context<void>, store: StateFile, actor: string, reference: string, options: { embed?: boolean; inboxes?: string[] }): Promise<PostResult> {
  const local = findPost(ctx, store, reference);
  if (local == null && !/^https?:\/\//.test(reference)) throw new RangeError(`No post "${reference}" here, and it is not an IRI.`);
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const announce: AnnounceRecord = {
    id: store.nextId(now),
    actor,
    object: local == null ? reference : getPostIri(ctx, local).href,
    published: now.toISOString(),
  };
  store.state.announces.push(announce);
  store.save();
  const embedded = local != null && options.embed === true ? buildPostObject(ctx, local) : undefined;
  const activity = buildAnnounce(ctx, announce, local == null ? null : ctx.getActorUri(local.actor), embedded);
  const followers = store.state.followers.filter((item) => item.actor === actor).map(followerToRecipient);
  const delivered = await deliverActivity(ctx, actor, [...followers, ...(options.inboxes ?? []).map(inboxToRecipient)], activity);
  return { id: activity.id?.href ?? "", shortId: announce.id, activityId: activity.id?.href ?? "", url: announce.object, delivered };
}

export async function undoAnnounce(ctx: Context<void>, store: StateFile, announce: AnnounceRecord): Promise<PostResult> {
  store.state.announces = store.state.announces.filter((item) => item !== announce);
  store.save();
  const undo = buildUndoAnnounce(ctx, announce);
  const followers = store.state.followers.filter((item) => item.actor === announce.actor).map(followerToRecipient);
  const delivered = await deliverActivity(ctx, announce.actor, followers, undo);
  return { id: getActivityIri(ctx, announce).href, shortId: announce.id, activityId: undo.id?.href ?? "", url: announce.object, delivered };
}
