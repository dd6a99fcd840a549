// Fedify setup: actors and keys, paged outbox and followers, dereferenceable
// posts, the inbox, NodeInfo. Secure mode answers unsigned collection and post
// GETs with 401, like Mastodon's AUTHORIZED_FETCH; actor documents stay public.
import { createFederation, MemoryKvStore } from "@fedify/fedify";
import type { Federation, RequestContext } from "@fedify/fedify";
import { Activity, Follow, getTypeId, Object as APObject, Undo } from "@fedify/vocab";
import type { Recipient } from "@fedify/vocab";
import { ACTORS, buildActor, findActor } from "./actors.ts";
import { isListedInOutboxOf } from "./blog.ts";
import type { CouncilConfig } from "./config.ts";
import { followerToRecipient } from "./delivery.ts";
import { onFollowReceived, onUndoReceived } from "./follows.ts";
import { buildAnnounce, buildCreate, buildPostObject } from "./posts.ts";
import type { AnnounceRecord, PostRecord, StateFile } from "./state.ts";

const PAGE_SIZE = 20;
const FIRST_CURSOR = "top";

type OutboxItem = { kind: "post"; post: PostRecord } | { kind: "announce"; announce: AnnounceRecord };

function byIdNewestFirst(a: { id: string }, b: { id: string }): number {
  const difference = BigInt(b.id) - BigInt(a.id);
  return difference > 0n ? 1 : difference < 0n ? -1 : 0;
}

/** Takes one page (newest first) after the cursor, which is the id of the previous page's last item. */
function takePage<T extends { id: string }>(items: T[], cursor: string): { items: T[]; nextCursor: string | null } {
  const sorted = [...items].sort(byIdNewestFirst);
  const start = cursor === FIRST_CURSOR ? 0 : sorted.findIndex((item) => BigInt(item.id) < BigInt(cursor));
  const page = start < 0 ? [] : sorted.slice(start, start + PAGE_SIZE);
  const hasMore = start >= 0 && start + PAGE_SIZE < sorted.length;
  return { items: page, nextCursor: hasMore ? page[page.length - 1].id : null };
}

function isValidCursor(cursor: string): boolean {
  return cursor === FIRST_CURSOR || /^\d{1,30}$/.test(cursor);
}

type CouncilFederation = Federation<void>;

async function getSignedKeyOwnerId(ctx: RequestContext<void>): Promise<string | undefined> {
  const owner = await ctx.getSignedKeyOwner({ documentLoader: await ctx.getDocumentLoader({ identifier: "council" }) });
  return owner?.id?.href;
}

/** Followers-only and direct posts are shown only to a signed-in follower or addressee, as on Mastodon. */
async function canSee(ctx: RequestContext<void>, store: StateFile, post: PostRecord): Promise<boolean> {
  if (isListed(post)) return true;
  const ownerId = await getSignedKeyOwnerId(ctx);
  if (ownerId == null) return false;
  if (post.mentions.some((mention) => mention.id === ownerId)) return true;
  return post.visibility === "followers" && store.state.followers.some((item) => item.actor === post.actor && item.id === ownerId);
}

function isListed(post: PostRecord): boolean {
  return post.visibility === "public" || post.visibility === "unlisted";
}

function registerCollections(federation: CouncilFederation, store: StateFile, isSignedFetch: (ctx: RequestContext<void>) => Promise<boolean>): void {
  const listedBy = (identifier: string): (OutboxItem & { id: string })[] => [
    ...store.state.posts
      .filter((post) => isListedInOutboxOf(identifier, post.actor) && isListed(post))
      .map((post) => ({ kind: "post" as const, post, id: post.id })),
    ...store.state.announces
      .filter((announce) => announce.actor === identifier)
      .map((announce) => ({ kind: "announce" as const, announce, id: announce.id })),
  ];
  federation
    .setOutboxDispatcher("/users/{identifier}/outbox", (ctx, identifier, cursor) => {
      if (cursor == null || findActor(identifier) == null || !isValidCursor(cursor)) return null;
      const page = takePage(listedBy(identifier), cursor);
      return {
        items: page.items.map((item) => item.kind === "post" ? buildCreate(ctx, item.post) : buildAnnounce(ctx, item.announce, null)),
        nextCursor: page.nextCursor,
      };
    })
    .setCounter((_ctx, identifier) => listedBy(identifier).length)
    .setFirstCursor(() => FIRST_CURSOR)
    .authorize(isSignedFetch);

  federation
    .setFollowersDispatcher("/users/{identifier}/followers", (_ctx, identifier, cursor) => {
      if (cursor == null || !isValidCursor(cursor)) return null;
      // Followers have no snowflake id; page by position, the list is small.
      const followers = store.state.followers.filter((item) => item.actor === identifier);
      const start = cursor === FIRST_CURSOR ? 0 : Number(cursor);
      const items: Recipient[] = followers.slice(start, start + PAGE_SIZE * 2).map(followerToRecipient);
      const next = start + PAGE_SIZE * 2;
      return { items, nextCursor: next < followers.length ? String(next) : null };
    })
    .setCounter((_ctx, identifier) => store.state.followers.filter((item) => item.actor === identifier).length)
    .setFirstCursor(() => FIRST_CURSOR)
    .authorize(isSignedFetch);
}

function registerObjects(federation: CouncilFederation, store: StateFile, isSignedFetch: (ctx: RequestContext<void>) => Promise<boolean>): void {
  const findPost = (identifier: string, id: string) =>
    store.state.posts.find((post) => post.actor === identifier && post.id === id);
  federation
    .setObjectDispatcher(APObject, "/users/{identifier}/statuses/{id}", async (ctx, values) => {
      const post = findPost(values.identifier, values.id);
      return post != null && (await canSee(ctx, store, post)) ? buildPostObject(ctx, post) : null;
    })
    .authorize((ctx) => isSignedFetch(ctx));

  federation
    .setObjectDispatcher(Activity, "/users/{identifier}/statuses/{id}/activity", async (ctx, values) => {
      const post = findPost(values.identifier, values.id);
      if (post != null) return (await canSee(ctx, store, post)) ? buildCreate(ctx, post) : null;
      const announce = store.state.announces.find((item) => item.actor === values.identifier && item.id === values.id);
      return announce == null ? null : buildAnnounce(ctx, announce, null);
    })
    .authorize((ctx) => isSignedFetch(ctx));
}

function registerInbox(federation: CouncilFederation, store: StateFile, isManualAccept: boolean): void {
  federation
    .setInboxListeners("/users/{identifier}/inbox", "/inbox")
    .setSharedKeyDispatcher(() => ({ identifier: "council" }))
    .on(Follow, (ctx, follow) => onFollowReceived(ctx, follow, store, isManualAccept))
    .on(Undo, (ctx, undo) => onUndoReceived(ctx, undo, store))
    .on(Activity, (ctx, activity) => {
      const type = getTypeId(activity).href.replace("https://www.w3.org/ns/activitystreams#", "");
      console.log(`in  ${type} ${activity.actorId?.href} object=${activity.objectId?.href ?? "?"} (${ctx.recipient ?? "shared inbox"})`);
    })
    .onUnverifiedActivity((_ctx, activity, reason) => {
      console.error(`in  unverified ${getTypeId(activity).href} from ${activity.actorId?.href}: ${JSON.stringify(reason)}`);
    })
    .onError((_ctx, error) => {
      console.error(`inbox error: ${error.name}: ${error.message}`);
    });
}

/** Creates the council's Federation: no queue, so every send completes before the control API answers. */
export function createCouncilFederation(config: CouncilConfig, store: StateFile, keys: Map<string, CryptoKeyPair[]>): Federation<void> {
  const federation = createFederation<void>({
    kv: new MemoryKvStore(),
    origin: config.origin,
    allowPrivateAddress: true,
    firstKnock: config.firstKnock,
  });
  const isSignedFetch = async (ctx: RequestContext<void>) => !config.isSecureMode || (await getSignedKeyOwnerId(ctx)) != null;

  federation
    .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
      const profile = findActor(identifier);
      return profile == null ? null : await buildActor(ctx, profile, config.isManualAccept);
    })
    .setKeyPairsDispatcher((_ctx, identifier) => keys.get(identifier) ?? [])
    .mapHandle((_ctx, username) => (findActor(username) == null ? null : username));
  registerCollections(federation, store, isSignedFetch);
  registerObjects(federation, store, isSignedFetch);
  registerInbox(federation, store, config.isManualAccept);

  federation.setNodeInfoDispatcher("/nodeinfo/2.1", () => ({
    software: { name: "crier-demo-council", version: "0.1.0" },
    protocols: ["activitypub"],
    openRegistrations: false,
    usage: {
      users: { total: ACTORS.length, activeHalfyear: ACTORS.length, activeMonth: ACTORS.length },
      localPosts: store.state.posts.length,
      localComments: 0,
    },
  }));
  return federation;
}
