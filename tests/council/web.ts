// What a browser sees: /media/{file}, and plain HTML for the profile (/@name),
// post permalinks (/@name/{id}) and hashtags (/tags/{tag}), as Mastodon links them.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { findActor } from "./actors.ts";
import { escapeHtml, renderContent } from "./content.ts";
import { guessMediaType, MEDIA_DIR } from "./posts.ts";
import type { PostRecord, StateFile } from "./state.ts";

function page(title: string, body: string, status = 200): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head><body><main>${body}</main></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

function renderPost(post: PostRecord, origin: string): string {
  const { html } = renderContent(post.source, post.tags, post.mentions, origin);
  const body = post.summary == null ? html : `<details><summary>${escapeHtml(post.summary)}</summary>${html}</details>`;
  const images = post.attachments
    .map((item) => `<img src="${escapeHtml(item.url)}" alt="${escapeHtml(item.alt ?? "")}"${item.width == null ? "" : ` width="${item.width}" height="${item.height}"`}>`)
    .join("");
  const lang = post.language == null ? "" : ` lang="${escapeHtml(post.language)}"`;
  const title = post.name == null ? "" : `<h2>${escapeHtml(post.name)}</h2>`;
  return `<article${lang}>${title}${body}${images}<p><a href="/@${post.actor}/${post.id}"><time datetime="${post.published}">${escapeHtml(post.published)}</time></a></p></article>`;
}

async function serveMedia(name: string): Promise<Response> {
  if (!/^[\w.-]+$/.test(name) || name.startsWith(".")) return new Response("Not found", { status: 404 });
  try {
    const bytes = await readFile(join(MEDIA_DIR, name));
    return new Response(bytes, { headers: { "Content-Type": guessMediaType(name), "Cache-Control": "public, max-age=3600" } });
  } catch {
    return new Response("Not found", { status: 404 });
  }
}

/** Answers browser-facing paths; null when the path is not one of them. */
export async function handleWebRequest(request: Request, store: StateFile, origin: string): Promise<Response | null> {
  const { pathname } = new URL(request.url);
  const media = pathname.match(/^\/media\/([^/]+)$/);
  if (media != null) return await serveMedia(decodeURIComponent(media[1]));
  const isPublic = (post: PostRecord) => post.visibility === "public";
  const status = pathname.match(/^\/@([\w-]+)\/(\d+)$/);
  if (status != null) {
    const post = store.state.posts.find((item) => item.actor === status[1] && item.id === status[2]);
    if (post == null || (post.visibility !== "public" && post.visibility !== "unlisted")) return page("Not found", "<h1>Not found</h1>", 404);
    return page(`${findActor(post.actor)?.name ?? post.actor}`, renderPost(post, origin));
  }
  const profile = pathname.match(/^\/@([\w-]+)$/);
  if (profile != null) {
    const actor = findActor(profile[1]);
    if (actor == null) return page("Not found", "<h1>Not found</h1>", 404);
    const posts = store.state.posts.filter((post) => post.actor === actor.identifier && isPublic(post)).reverse();
    const host = new URL(origin).host;
    return page(actor.name, `<h1>${escapeHtml(actor.name)}</h1><p>@${actor.identifier}@${escapeHtml(host)}</p>${actor.summary}${posts.map((post) => renderPost(post, origin)).join("")}`);
  }
  const tag = pathname.match(/^\/tags\/([^/]+)$/);
  if (tag != null) {
    const name = decodeURIComponent(tag[1]).toLowerCase();
    const posts = store.state.posts.filter((post) => isPublic(post) && renderContent(post.source, post.tags, [], origin).tags.some((item) => item.toLowerCase() === name));
    return page(`#${name}`, `<h1>#${escapeHtml(name)}</h1>${posts.map((post) => renderPost(post, origin)).join("")}`);
  }
  return null;
}
