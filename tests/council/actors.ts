// The actors the demo council hosts, and their ActivityPub documents.
import { Temporal } from "@js-temporal/polyfill";
import type { RequestContext } from "@fedify/fedify";
import { Endpoints, Group, Image, Person, PropertyValue } from "@fedify/vocab";
import { BLOG_ACTORS, getActorName } from "./blog.ts";

export interface ActorProfile {
  identifier: string;
  type: "Person" | "Group";
  name: string;
  summary: string;
  icon?: string;
  website?: string;
  created: string;
}

export const ACTORS: readonly ActorProfile[] = [
  {
    identifier: "council",
    type: "Person",
    name: "Demo City Council",
    summary: "<p>Official announcements from Demo City Council: bin collections, road works, libraries, weather warnings and civil defence. Not monitored for replies — call 0800 555 0100 or visit any service centre.</p><p>This is a demonstration account run by the Crier test suite.</p>",
    icon: "council-avatar.png",
    website: "https://example.org/demo-city-council",
    created: "2022-11-08T00:00:00Z",
  },
  {
    identifier: "noticeboard",
    type: "Group",
    name: "Community noticeboard",
    summary: "<p>Community noticeboard for Demo City: residents' groups, libraries and the council share notices here. Posts sent to this group are boosted to everyone who follows it.</p>",
    created: "2023-03-14T00:00:00Z",
  },
  {
    identifier: "stranger",
    type: "Person",
    name: "Not Followed Anyone",
    summary: "<p>An account nobody follows. Crier must ignore whatever it posts.</p>",
    created: "2024-01-01T00:00:00Z",
  },
  ...BLOG_ACTORS,
];

export function findActor(identifier: string): ActorProfile | undefined {
  return ACTORS.find((actor) => actor.identifier === identifier);
}

/** The actor document, shaped like Mastodon's (shared inbox, keys, profile URL, icon). */
export async function buildActor(ctx: RequestContext<void>, profile: ActorProfile, isManualAccept: boolean): Promise<Person | Group> {
  const keys = await ctx.getActorKeyPairs(profile.identifier);
  const origin = ctx.canonicalOrigin;
  const values = {
    id: ctx.getActorUri(profile.identifier),
    preferredUsername: profile.identifier,
    name: getActorName(profile),
    summary: profile.summary,
    url: new URL(`/@${profile.identifier}`, origin),
    icon: profile.icon == null ? null : new Image({ url: new URL(`/media/${profile.icon}`, origin), mediaType: "image/png" }),
    inbox: ctx.getInboxUri(profile.identifier),
    outbox: ctx.getOutboxUri(profile.identifier),
    followers: ctx.getFollowersUri(profile.identifier),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    publicKey: keys[0].cryptographicKey,
    assertionMethods: keys.map((key) => key.multikey),
    manuallyApprovesFollowers: isManualAccept,
    discoverable: true,
    indexable: true,
    published: Temporal.Instant.from(profile.created),
    attachments: profile.website == null ? [] : [new PropertyValue({
      name: "Website",
      value: `<a href="${profile.website}" target="_blank" rel="nofollow noopener me" translate="no"><span class="invisible">https://</span><span class="">${profile.website.replace(/^https:\/\//, "")}</span><span class="invisible"></span></a>`,
    })],
  };
  return profile.type === "Group" ? new Group(values) : new Person(values);
}
