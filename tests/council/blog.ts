// A WordPress-like blog, as the official ActivityPub plugin (4.x) runs it in
// blog-plus-authors mode: the blog is a Group whose followers get its authors' posts
// as Announces, and whose outbox lists those posts' Creates (by the authors, not by
// the blog). A profile change goes out as an Update whose object is only the actor's
// IRI, and the follower has to fetch the actor to see what changed.
import type { Context } from "@fedify/fedify";
import type { ActorProfile } from "./actors.ts";
import { sendRawActivity } from "./delivery.ts";
import type { StateFile } from "./state.ts";

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

export const BLOG_ACTORS: readonly ActorProfile[] = [
  {
    identifier: "blog",
    type: "Group",
    name: "Demo City News",
    summary: "<p>News from the Demo City Council website: a WordPress blog whose authors' posts this account shares.</p>",
    created: "2023-06-01T00:00:00Z",
  },
  {
    identifier: "roads",
    type: "Person",
    name: "Roads team",
    summary: "<p>An author on the Demo City News blog.</p>",
    created: "2023-06-01T00:00:00Z",
  },
];

/** Each blog and the authors whose posts it lists in its outbox and announces. */
const BLOG_MEMBERS: Readonly<Record<string, readonly string[]>> = { blog: ["roads"] };

/** Whether `identifier`'s outbox lists a post by `postActor`: its own, or one of its authors' (a blog). */
export function isListedInOutboxOf(identifier: string, postActor: string): boolean {
  return postActor === identifier || (BLOG_MEMBERS[identifier]?.includes(postActor) ?? false);
}

// Names changed through the control API; kept in memory (a restarted council has the old ones).
const renamed = new Map<string, string>();

/** The actor's display name, as last renamed. */
export function getActorName(profile: ActorProfile): string {
  return renamed.get(profile.identifier) ?? profile.name;
}

/**
 * Renames an actor and tells its followers the WordPress way: Update with only the
 * actor's IRI as object, signed with the actor's key, to each follower's (shared) inbox.
 */
export async function renameActor(ctx: Context<void>, store: StateFile, identifier: string, name: string) {
  renamed.set(identifier, name);
  const actorIri = ctx.getActorUri(identifier).href;
  const activity = {
    "@context": "https://www.w3.org/ns/activitystreams",
    id: `${actorIri}#updates/${Date.now()}`,
    type: "Update",
    actor: actorIri,
    object: actorIri,
    to: [PUBLIC],
  };
  const inboxes = new Set(store.state.followers.filter((item) => item.actor === identifier).map((item) => item.sharedInbox ?? item.inbox));
  const delivered = [];
  for (const inbox of inboxes) delivered.push({ inbox, ...(await sendRawActivity(ctx, identifier, new URL(inbox), activity)) });
  return { id: actorIri, name, delivered };
}
