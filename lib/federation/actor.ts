import { Application, Endpoints } from "@fedify/vocab";
import { getEnv } from "../env";
import { getStore } from "../store";
import type { CrierFederation } from "./federation";
import { getActorKeyPairs } from "./keys";

/** The one actor Crier has: a service account that follows, and never posts. */
export const SERVICE_ACTOR = "crier";

export const ACTOR_PATH = "/ap/actors/{identifier}";
export const INBOX_PATH = "/ap/actors/{identifier}/inbox";
export const SHARED_INBOX_PATH = "/ap/inbox";

/** Registers the actor, its keys, collections and NodeInfo on the federation. */
export function registerActor(federation: CrierFederation): void {
  federation
    .setActorDispatcher(ACTOR_PATH, async (ctx, identifier) => {
      if (identifier !== SERVICE_ACTOR) return null;
      const keys = await ctx.getActorKeyPairs(identifier);
      const origin = getEnv().publicUrl;
      return new Application({
        id: ctx.getActorUri(identifier),
        preferredUsername: identifier,
        name: "Crier",
        summary:
          "Crier shows public announcements from the accounts it follows on large-print pages, kiosk screens and as audio. It does not post.",
        url: new URL("/", origin),
        inbox: ctx.getInboxUri(identifier),
        outbox: ctx.getOutboxUri(identifier),
        following: ctx.getFollowingUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        manuallyApprovesFollowers: true,
        publicKey: keys[0]?.cryptographicKey,
        assertionMethods: keys.map((key) => key.multikey),
      });
    })
    .setKeyPairsDispatcher(async (_ctx, identifier) =>
      identifier === SERVICE_ACTOR ? getActorKeyPairs(getStore()) : [],
    )
    .mapHandle((_ctx, username) => (username === SERVICE_ACTOR ? SERVICE_ACTOR : null));

  federation.setOutboxDispatcher("/ap/actors/{identifier}/outbox", () => ({ items: [] }));

  federation.setFollowingDispatcher("/ap/actors/{identifier}/following", async (_ctx, identifier) => {
    if (identifier !== SERVICE_ACTOR) return null;
    const subscriptions = await getStore().listSubscriptions();
    const items = subscriptions
      .filter((subscription) => subscription.state === "accepted" && subscription.actorUri)
      .map((subscription) => new URL(subscription.actorUri!));
    return { items };
  });

  federation.setNodeInfoDispatcher("/ap/nodeinfo/2.1", async () => {
    const subscriptions = await getStore().listSubscriptions();
    return {
      software: { name: "crier", version: "0.1.0" },
      protocols: ["activitypub"],
      usage: {
        users: { total: 1, activeMonth: 1, activeHalfyear: 1 },
        localPosts: 0,
        localComments: 0,
      },
      metadata: { followedAccounts: subscriptions.filter((s) => s.state === "accepted").length },
    };
  });
}
