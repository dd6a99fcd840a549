// Follow handling like Mastodon: Follow → Accept (or pending until the control
// API decides, COUNCIL_ACCEPT=manual), Undo(Follow) → follower removed.
import { randomUUID } from "node:crypto";
import type { Context, InboxContext } from "@fedify/fedify";
import { Accept, Follow, isActor, Reject } from "@fedify/vocab";
import type { Undo } from "@fedify/vocab";
import { deliverActivity, followerToRecipient } from "./delivery.ts";
import type { DeliveryResult } from "./delivery.ts";
import type { FollowerRecord, PendingFollow, StateFile } from "./state.ts";

function rebuildFollow(ctx: Context<void>, record: FollowerRecord): Follow {
  return new Follow({ id: new URL(record.followId), actor: new URL(record.id), object: ctx.getActorUri(record.actor) });
}

function answerId(ctx: Context<void>, record: FollowerRecord, kind: "accepts" | "rejects"): URL {
  return new URL(`${ctx.getActorUri(record.actor).href}#${kind}/follows/${randomUUID()}`);
}

/** Adds the follower and sends the Accept whose object is the Follow as received. */
export async function acceptFollow(ctx: Context<void>, store: StateFile, record: FollowerRecord): Promise<DeliveryResult[]> {
  const followers = store.state.followers.filter((item) => !(item.actor === record.actor && item.id === record.id));
  store.state.followers = [...followers, record];
  store.state.pending = store.state.pending.filter((item) => item.followId !== record.followId);
  store.save();
  const accept = new Accept({ id: answerId(ctx, record, "accepts"), actor: ctx.getActorUri(record.actor), object: rebuildFollow(ctx, record) });
  return await deliverActivity(ctx, record.actor, [followerToRecipient(record)], accept);
}

export async function rejectFollow(ctx: Context<void>, store: StateFile, record: FollowerRecord): Promise<DeliveryResult[]> {
  store.state.pending = store.state.pending.filter((item) => item.followId !== record.followId);
  store.state.followers = store.state.followers.filter((item) => !(item.actor === record.actor && item.id === record.id));
  store.save();
  const reject = new Reject({ id: answerId(ctx, record, "rejects"), actor: ctx.getActorUri(record.actor), object: rebuildFollow(ctx, record) });
  return await deliverActivity(ctx, record.actor, [followerToRecipient(record)], reject);
}

/** Inbox listener for Follow. The Accept goes out after the 202, as Mastodon's worker does. */
export async function onFollowReceived(ctx: InboxContext<void>, follow: Follow, store: StateFile, isManualAccept: boolean): Promise<void> {
  const target = ctx.parseUri(follow.objectId);
  console.log(`in  Follow ${follow.actorId?.href} -> ${follow.objectId?.href}`);
  if (follow.id == null || follow.actorId == null || target?.type !== "actor") {
    console.error(`in  Follow ignored: needs an id, an actor and one of our actors as object (${follow.id?.href})`);
    return;
  }
  const follower = await follow.getActor(ctx);
  if (follower == null || !isActor(follower) || follower.id == null || follower.inboxId == null) {
    console.error(`in  Follow ignored: could not fetch the follower ${follow.actorId.href}`);
    return;
  }
  const record: FollowerRecord = {
    actor: target.identifier,
    id: follower.id.href,
    inbox: follower.inboxId.href,
    sharedInbox: follower.endpoints?.sharedInbox?.href,
    followId: follow.id.href,
    since: new Date().toISOString(),
  };
  if (isManualAccept) {
    const pending: PendingFollow = { ...record, pendingId: randomUUID().slice(0, 8) };
    store.state.pending = [...store.state.pending.filter((item) => !(item.actor === record.actor && item.id === record.id)), pending];
    store.save();
    console.log(`    Follow pending as ${pending.pendingId} (COUNCIL_ACCEPT=manual)`);
    return;
  }
  void acceptFollow(ctx, store, record);
}

/** Inbox listener for Undo: only Undo(Follow) changes anything. */
export async function onUndoReceived(ctx: InboxContext<void>, undo: Undo, store: StateFile): Promise<void> {
  const objectId = undo.objectId?.href;
  const byFollowId = store.state.followers.find((item) => item.followId === objectId && item.id === undo.actorId?.href);
  let target = byFollowId?.actor;
  if (target == null) {
    // Mastodon embeds the Follow; a bare IRI of an unknown Follow is not worth fetching.
    const object = await undo.getObject({ documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader, suppressError: true }).catch(() => null);
    if (object instanceof Follow) {
      const parsed = ctx.parseUri(object.objectId);
      if (parsed?.type === "actor") target = parsed.identifier;
    }
  }
  console.log(`in  Undo ${undo.actorId?.href} object=${objectId ?? "?"}`);
  if (target == null) return;
  const before = store.state.followers.length + store.state.pending.length;
  const isOther = (item: FollowerRecord) => !(item.actor === target && item.id === undo.actorId?.href);
  store.state.followers = store.state.followers.filter(isOther);
  store.state.pending = store.state.pending.filter(isOther);
  store.save();
  if (store.state.followers.length + store.state.pending.length < before) {
    console.log(`    ${undo.actorId?.href} no longer follows ${target}`);
  }
}
