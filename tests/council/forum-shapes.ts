// Payloads in the shapes NodeBB (v4) and the WordPress plugin send, which Fedify
// would never build: `POST /_control/actors/{name}/shapes/{shape}` signs one with
// the actor's key and POSTs it, exactly as built here, to the given inbox.
//   nodebb-create          Create(Note) with NodeBB's @context (no Hashtag term), a
//                          topic title as `name`, Hashtag tags
//   delete-full-object     Delete carrying the whole post with empty content (NodeBB,
//                          WordPress), not a Tombstone
//   moderator-delete       Delete of another actor's post by this actor (a forum
//                          moderator, signed with the moderator's own key)
//   undo-announce-numeric  Undo(Announce) whose object is a post number (NodeBB)
//   relayed-reply          Announce(Create(Note)) by a Group of a reply by another
//                          actor (a NodeBB category relaying a member's reply)
import type { Context } from "@fedify/fedify";
import { z } from "zod";

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const NODEBB_CONTEXT = ["https://www.w3.org/ns/activitystreams", { toot: "http://joinmastodon.org/ns#", Emoji: "toot:Emoji" }];

export const SHAPES = ["nodebb-create", "delete-full-object", "moderator-delete", "undo-announce-numeric", "relayed-reply"] as const;
export type Shape = (typeof SHAPES)[number];

export const shapeInput = z.strictObject({
  inbox: z.url(),
  /** The post the shape is about (delete-full-object, moderator-delete), or the reply's parent (relayed-reply). */
  object: z.url().optional(),
  content: z.string().max(10_000).optional(),
  name: z.string().max(300).optional(),
  tags: z.array(z.string().max(100)).max(20).optional(),
  /** relayed-reply: the member who wrote the reply (an actor of this council). */
  author: z.string().max(50).optional(),
});
export type ShapeInput = z.infer<typeof shapeInput>;

let counter = 0;
function nextId(): string {
  // Snowflake-like, like the council's own posts, so ids sort by time.
  return String((BigInt(Date.now()) << 16n) + BigInt(++counter % 65_536));
}

function buildNote(ctx: Context<void>, actor: string, input: ShapeInput, inReplyTo?: string) {
  const actorIri = ctx.getActorUri(actor).href;
  const id = `${actorIri}/statuses/${nextId()}`;
  const tags = input.tags ?? [];
  const tagLinks = tags.map((tag) => ` <a href="${ctx.canonicalOrigin}/tags/${tag.toLowerCase()}">#${tag}</a>`).join("");
  return {
    id,
    type: "Note",
    attributedTo: actorIri,
    to: [PUBLIC],
    cc: [`${actorIri}/followers`],
    ...(inReplyTo === undefined ? {} : { inReplyTo }),
    published: new Date().toISOString().replace(/\.\d+Z$/, ".000Z"),
    url: id,
    ...(input.name === undefined ? {} : { name: input.name }),
    content: `<p>${input.content ?? "A post from the forum."}${tagLinks}</p>`,
    tag: tags.map((tag) => ({ type: "Hashtag", href: `${ctx.canonicalOrigin}/tags/${tag.toLowerCase()}`, name: `#${tag}` })),
    attachment: [],
  };
}

function requireObject(input: ShapeInput, shape: Shape): string {
  if (input.object === undefined) throw new RangeError(`The ${shape} shape needs "object": the post's IRI.`);
  return input.object;
}

/** Builds the activity of one shape, sent as `actor`. */
export function buildShape(ctx: Context<void>, actor: string, shape: Shape, input: ShapeInput): Record<string, unknown> {
  const actorIri = ctx.getActorUri(actor).href;
  const id = `${actorIri}#${shape}/${nextId()}`;
  switch (shape) {
    case "nodebb-create": {
      const note = buildNote(ctx, actor, input);
      return { "@context": NODEBB_CONTEXT, id: `${note.id}#create`, type: "Create", actor: actorIri, to: note.to, cc: note.cc, object: note };
    }
    case "delete-full-object": {
      const object = requireObject(input, shape);
      return {
        "@context": NODEBB_CONTEXT, id, type: "Delete", actor: actorIri, to: [PUBLIC],
        object: { id: object, type: "Note", attributedTo: actorIri, content: "", to: [PUBLIC] },
      };
    }
    case "moderator-delete":
      return { "@context": NODEBB_CONTEXT, id, type: "Delete", actor: actorIri, to: [PUBLIC], object: requireObject(input, shape) };
    case "undo-announce-numeric":
      return {
        "@context": NODEBB_CONTEXT, id, type: "Undo", actor: actorIri, to: [PUBLIC],
        object: { id: `${actorIri}#announce/${nextId()}`, type: "Announce", actor: actorIri, object: 4711 },
      };
    case "relayed-reply": {
      const author = input.author ?? "council";
      const note = buildNote(ctx, author, input, requireObject(input, shape));
      const create = { id: `${note.id}#create`, type: "Create", actor: note.attributedTo, to: note.to, cc: note.cc, object: note };
      return { "@context": NODEBB_CONTEXT, id, type: "Announce", actor: actorIri, to: [PUBLIC], cc: [`${actorIri}/followers`], object: create };
    }
  }
}
