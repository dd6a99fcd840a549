// The control API under /_control/: plain JSON for tests and the demo to drive
// the council. It has no authentication and must never be exposed.
import type { Context } from "@fedify/fedify";
import { z } from "zod";
import {
  announceObject, createPost, deletePost, findPost, undoAnnounce, updatePost,
} from "./actions.ts";
import { findActor } from "./actors.ts";
import { sendRawActivity } from "./delivery.ts";
import { describeFaults, faultInput, setFaults } from "./faults.ts";
import { acceptFollow, rejectFollow } from "./follows.ts";
import { getPostIri, getPostUrl, postInput, postPatch } from "./posts.ts";
import type { StateFile } from "./state.ts";
import { renameActor } from "./blog.ts";
import { buildShape, SHAPES, shapeInput, type Shape } from "./forum-shapes.ts";
import { describeUserAgents } from "./user-agents.ts";

const announceInput = z.strictObject({
  object: z.string().min(1),
  embed: z.boolean().optional(),
  inboxes: z.array(z.url()).optional(),
});
const deleteInput = z.strictObject({
  deliver: z.boolean().optional(),
  inboxes: z.array(z.url()).optional(),
});
const sendInput = z.strictObject({
  inbox: z.url(),
  activity: z.record(z.string(), z.unknown()),
});

class ControlError extends Error {
  override name = "ControlError";
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

async function readJson<T>(request: Request, schema: z.ZodType<T>, isOptional = false): Promise<T> {
  const text = await request.text();
  if (text.trim() === "" && isOptional) return schema.parse({});
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ControlError(400, "The body is not valid JSON.");
  }
  const result = schema.safeParse(body);
  if (!result.success) throw new ControlError(400, z.prettifyError(result.error));
  return result.data;
}

function requireActor(name: string): string {
  if (findActor(name) == null) throw new ControlError(404, `No actor "${name}"; there are council, noticeboard, stranger, blog and roads.`);
  return name;
}

function describeState(ctx: Context<void>, store: StateFile) {
  const { posts, announces, followers, pending } = store.state;
  return {
    origin: ctx.canonicalOrigin,
    posts: posts.length,
    announces: announces.length,
    followers: followers.map(({ actor, id, inbox, sharedInbox, since }) => ({ actor, id, inbox, sharedInbox, since })),
    pending: pending.map(({ pendingId, actor, id, followId }) => ({ pendingId, actor, id, followId })),
  };
}

async function route(ctx: Context<void>, store: StateFile, request: Request, path: string[]): Promise<Response> {
  const method = request.method;
  const [first, second, third, fourth, fifth] = path;
  if (method === "GET" && first === "state" && path.length === 1) return Response.json(describeState(ctx, store));
  if (method === "GET" && first === "user-agents" && path.length === 1) return Response.json(describeUserAgents());
  if (first === "faults" && path.length === 1) {
    if (method === "GET") return Response.json(describeFaults());
    if (method === "POST") return Response.json(setFaults(await readJson(request, faultInput)));
  }
  if (method === "POST" && first === "reset" && path.length === 1) {
    Object.assign(store.state, { posts: [], announces: [], followers: [], pending: [], deleted: [] });
    store.save();
    return Response.json(describeState(ctx, store));
  }
  if (method === "GET" && first === "posts" && path.length === 1) {
    return Response.json({ items: store.state.posts.map((post) => ({ ...post, iri: getPostIri(ctx, post).href, url: getPostUrl(ctx, post).href })) });
  }
  if (first === "posts" && path.length === 2) {
    const post = findPost(ctx, store, decodeURIComponent(second));
    if (post == null) throw new ControlError(404, `No post "${decodeURIComponent(second)}".`);
    if (method === "PATCH") return Response.json(await updatePost(ctx, store, post, await readJson(request, postPatch)));
    if (method === "DELETE") return Response.json(await deletePost(ctx, store, post, await readJson(request, deleteInput, true)));
  }
  if (method === "DELETE" && first === "announces" && path.length === 2) {
    const announce = store.state.announces.find((item) => item.id === second);
    if (announce == null) throw new ControlError(404, `No announce "${second}".`);
    return Response.json(await undoAnnounce(ctx, store, announce));
  }
  if (first === "actors" && second != null) {
    const actor = requireActor(second);
    if (method === "POST" && third === "posts" && path.length === 3) {
      return Response.json(await createPost(ctx, store, actor, await readJson(request, postInput)), { status: 201 });
    }
    if (method === "POST" && third === "announce" && path.length === 3) {
      const input = await readJson(request, announceInput);
      return Response.json(await announceObject(ctx, store, actor, input.object, input), { status: 201 });
    }
    if (method === "GET" && third === "followers" && path.length === 3) {
      return Response.json({ items: store.state.followers.filter((item) => item.actor === actor).map((item) => item.id) });
    }
    if (method === "POST" && third === "follows" && path.length === 5 && (fifth === "accept" || fifth === "reject")) {
      const pending = store.state.pending.find((item) => item.actor === actor && (item.pendingId === fourth || item.followId === decodeURIComponent(fourth)));
      if (pending == null) throw new ControlError(404, `No pending follow "${fourth}" for ${actor}.`);
      const { pendingId: _, ...record } = pending;
      const delivered = fifth === "accept" ? await acceptFollow(ctx, store, record) : await rejectFollow(ctx, store, record);
      return Response.json({ follower: record.id, followId: record.followId, state: fifth === "accept" ? "accepted" : "rejected", delivered });
    }
    if (method === "POST" && third === "rename" && path.length === 3) {
      const input = await readJson(request, z.strictObject({ name: z.string().min(1).max(200) }));
      return Response.json(await renameActor(ctx, store, actor, input.name));
    }
    if (method === "POST" && third === "shapes" && path.length === 4) {
      if (!(SHAPES as readonly string[]).includes(fourth)) throw new ControlError(404, `No shape "${fourth}"; there are ${SHAPES.join(", ")}.`);
      const input = await readJson(request, shapeInput);
      const activity = buildShape(ctx, actor, fourth as Shape, input);
      return Response.json({ activity, ...(await sendRawActivity(ctx, actor, new URL(input.inbox), activity)) });
    }
    if (method === "POST" && third === "send" && path.length === 3) {
      const input = await readJson(request, sendInput);
      return Response.json(await sendRawActivity(ctx, actor, new URL(input.inbox), input.activity));
    }
  }
  throw new ControlError(404, `No control route ${method} /_control/${path.join("/")}.`);
}

/** Handles /_control/… requests: JSON in, JSON out, 400/404 with {error} for bad calls. */
export async function handleControlRequest(ctx: Context<void>, store: StateFile, request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  const path = pathname.replace(/^\/_control\/?/, "").split("/").filter((part) => part !== "");
  try {
    return await route(ctx, store, request, path);
  } catch (error) {
    if (error instanceof ControlError) return Response.json({ error: error.message }, { status: error.status });
    if (error instanceof RangeError) return Response.json({ error: error.message }, { status: 400 });
    console.error(`control ${request.method} ${pathname} failed: ${error instanceof Error ? error.stack : String(error)}`);
    return Response.json({ error: error instanceof Error ? error.message : String(error) }, { status: 500 });
  }
}
