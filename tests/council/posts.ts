// Post input (what the control API accepts) and the ActivityStreams objects
// built from a stored post, addressed exactly as Mastodon addresses them.
import { existsSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { Temporal } from "@js-temporal/polyfill";
import type { Context } from "@fedify/fedify";
import {
  Announce, Article, Create, Delete, Document, Hashtag, LanguageString, Mention, Note,
  Object as APObject, PUBLIC_COLLECTION, Tombstone, Undo, Update,
} from "@fedify/vocab";
import { z } from "zod";
import { renderContent, tagUrl } from "./content.ts";
import type { AnnounceRecord, AttachmentRecord, PostRecord } from "./state.ts";

export const MEDIA_DIR = join(import.meta.dirname, "media");

const MEDIA_TYPES: Record<string, string> = {
  ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
  ".webp": "image/webp", ".svg": "image/svg+xml", ".mp3": "audio/mpeg", ".ogg": "audio/ogg",
  ".mp4": "video/mp4", ".webm": "video/webm", ".pdf": "application/pdf", ".txt": "text/plain",
};

export function guessMediaType(path: string): string {
  return MEDIA_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

const attachmentInput = z.strictObject({
  file: z.string().regex(/^[\w.-]+$/, "file must be a plain file name under tests/council/media/").optional(),
  url: z.url().optional(),
  mediaType: z.string().optional(),
  alt: z.string().optional(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
}).refine((value) => (value.file == null) !== (value.url == null), "give an attachment either file or url");

const postFields = {
  content: z.string(),
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "language must be a BCP 47 tag such as en or pt-BR").optional(),
  summary: z.string().optional(),
  sensitive: z.boolean().optional(),
  visibility: z.enum(["public", "unlisted", "followers", "direct"]).optional(),
  attachments: z.array(attachmentInput).optional(),
  tags: z.array(z.string()).optional(),
  type: z.enum(["Note", "Article"]).optional(),
  name: z.string().optional(),
  published: z.iso.datetime({ offset: true }).optional(),
  deliver: z.boolean().optional(),
  to: z.array(z.url()).optional(),
  inboxes: z.array(z.url()).optional(),
  /** The post this one replies to (its IRI): a thread when it is the same actor's, a reply otherwise. */
  inReplyTo: z.url().optional(),
};

export const postInput = z.strictObject(postFields);
export const postPatch = z.strictObject({ ...postFields, content: postFields.content.optional() });
export type PostInput = z.infer<typeof postInput>;
export type PostPatch = z.infer<typeof postPatch>;

function readPngSize(path: string): { width: number; height: number } | undefined {
  const bytes = readFileSync(path);
  if (bytes.length < 24 || bytes.toString("latin1", 1, 4) !== "PNG") return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Resolves an attachment given to the control API to a stored one; throws if a file is missing. */
export function resolveAttachment(input: z.infer<typeof attachmentInput>, origin: string): AttachmentRecord {
  if (input.file != null) {
    const path = join(MEDIA_DIR, input.file);
    if (!existsSync(path)) throw new RangeError(`No file "${input.file}" in tests/council/media/.`);
    const size = guessMediaType(path) === "image/png" ? readPngSize(path) : undefined;
    return {
      url: `${origin}/media/${encodeURIComponent(input.file)}`,
      mediaType: input.mediaType ?? guessMediaType(path),
      alt: input.alt,
      width: input.width ?? size?.width,
      height: input.height ?? size?.height,
    };
  }
  const url = input.url ?? "";
  return { url, mediaType: input.mediaType ?? guessMediaType(new URL(url).pathname), alt: input.alt, width: input.width, height: input.height };
}

export function getPostIri(ctx: Context<void>, post: { actor: string; id: string }): URL {
  return ctx.getObjectUri(APObject, { identifier: post.actor, id: post.id });
}

export function getPostUrl(ctx: Context<void>, post: { actor: string; id: string }): URL {
  return new URL(`/@${post.actor}/${post.id}`, ctx.canonicalOrigin);
}

export function getActivityIri(ctx: Context<void>, item: { actor: string; id: string }): URL {
  return new URL(`${getPostIri(ctx, item).href}/activity`);
}

/** `to` and `cc` as Mastodon sets them for each visibility; mentioned actors go in `cc` unless direct. */
export function getAddressing(ctx: Context<void>, post: PostRecord): { tos: URL[]; ccs: URL[] } {
  const followers = ctx.getFollowersUri(post.actor);
  const mentioned = post.mentions.map((mention) => new URL(mention.id));
  switch (post.visibility) {
    case "public": return { tos: [PUBLIC_COLLECTION], ccs: [followers, ...mentioned] };
    case "unlisted": return { tos: [followers], ccs: [PUBLIC_COLLECTION, ...mentioned] };
    case "followers": return { tos: [followers], ccs: mentioned };
    case "direct": return { tos: mentioned, ccs: [] };
  }
}

function toInstant(iso: string): Temporal.Instant {
  return Temporal.Instant.from(iso);
}

/** Builds the Note (or Article) for a stored post. */
export function buildPostObject(ctx: Context<void>, post: PostRecord): Note | Article {
  const { html, tags } = renderContent(post.source, post.tags, post.mentions, ctx.canonicalOrigin);
  const values = {
    id: getPostIri(ctx, post),
    attribution: ctx.getActorUri(post.actor),
    contents: post.language == null ? [html] : [html, new LanguageString(html, post.language)],
    name: post.type === "Article" ? post.name ?? null : null,
    summary: post.summary ?? null,
    sensitive: post.sensitive,
    published: toInstant(post.published),
    updated: post.updated == null ? null : toInstant(post.updated),
    url: getPostUrl(ctx, post),
    replyTarget: post.inReplyTo == null ? null : new URL(post.inReplyTo),
    ...getAddressing(ctx, post),
    attachments: post.attachments.map((attachment) => new Document({
      mediaType: attachment.mediaType,
      url: new URL(attachment.url),
      name: attachment.alt ?? null,
      width: attachment.width ?? null,
      height: attachment.height ?? null,
    })),
    tags: [
      ...post.mentions.map((mention) => new Mention({ href: new URL(mention.id), name: mention.name ?? null })),
      ...tags.map((tag) => new Hashtag({ href: new URL(tagUrl(ctx.canonicalOrigin, tag)), name: `#${tag}` })),
    ],
  };
  return post.type === "Article" ? new Article(values) : new Note(values);
}

export function buildCreate(ctx: Context<void>, post: PostRecord): Create {
  return new Create({
    id: getActivityIri(ctx, post),
    actor: ctx.getActorUri(post.actor),
    published: toInstant(post.published),
    ...getAddressing(ctx, post),
    object: buildPostObject(ctx, post),
  });
}

export function buildUpdate(ctx: Context<void>, post: PostRecord): Update {
  const at = post.updated ?? new Date().toISOString();
  return new Update({
    id: new URL(`${getPostIri(ctx, post).href}#updates/${Math.floor(Date.parse(at) / 1000)}`),
    actor: ctx.getActorUri(post.actor),
    published: toInstant(at),
    ...getAddressing(ctx, post),
    object: buildPostObject(ctx, post),
  });
}

export function buildDelete(ctx: Context<void>, post: PostRecord): Delete {
  const iri = getPostIri(ctx, post);
  return new Delete({
    id: new URL(`${iri.href}#delete`),
    actor: ctx.getActorUri(post.actor),
    ...(post.visibility === "direct" ? getAddressing(ctx, post) : { tos: [PUBLIC_COLLECTION] }),
    object: new Tombstone({ id: iri }),
  });
}

/** Announce as Mastodon sends a boost: to Public, cc the author and the booster's followers. */
export function buildAnnounce(ctx: Context<void>, announce: AnnounceRecord, authorId: URL | null, embedded?: Note | Article): Announce {
  return new Announce({
    id: getActivityIri(ctx, announce),
    actor: ctx.getActorUri(announce.actor),
    published: toInstant(announce.published),
    tos: [PUBLIC_COLLECTION],
    ccs: [ctx.getFollowersUri(announce.actor), ...(authorId == null ? [] : [authorId])],
    object: embedded ?? new URL(announce.object),
  });
}

export function buildUndoAnnounce(ctx: Context<void>, announce: AnnounceRecord): Undo {
  const activity = buildAnnounce(ctx, announce, null);
  return new Undo({
    id: new URL(`${activity.id?.href}#undo`),
    actor: ctx.getActorUri(announce.actor),
    tos: [PUBLIC_COLLECTION],
    object: activity,
  });
}
