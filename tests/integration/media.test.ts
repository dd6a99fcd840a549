import { existsSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAnnouncements } from "../council/demo-posts.ts";
import { findImageSources, findPictureUrls } from "./helpers/picture-links";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// Pictures from Crier's own origin, with real processes: the demo council posts its
// notices (one with a 2400-pixel photo, one whose picture its server does not have,
// one with no date at all), the built app ingests them, and every public page, feed
// and JSON answer is scanned for a picture anywhere but PUBLIC_URL.

let council: Council;
let app: App;
const ids: Record<"photo" | "missing" | "undated", string> = { photo: "", missing: "", undated: "" };

async function listAll(): Promise<any[]> {
  return (await (await fetch(`${app.url}/api/announcements?limit=100`)).json()).items;
}

async function postAndWait(body: Record<string, unknown>): Promise<any> {
  const created = await council.control("POST", "/actors/council/posts", body);
  return waitFor(async () => (await listAll()).find((item) => item.uri === created.id), 20_000, () => `post never arrived\n${app.output().slice(-3000)}`);
}

async function text(pathname: string): Promise<string> {
  const response = await fetch(`${app.url}${pathname}`);
  expect(response.status, pathname).toBe(200);
  return response.text();
}

beforeAll(async () => {
  council = await startCouncil();
  app = await startApp({ certPath: council.certPath });
  expect((await app.api("POST", "/api/admin/subscriptions", { handle: `@council@${council.host}` })).status).toBeLessThan(300);
  await waitFor(async () => {
    const { items } = await (await app.api("GET", "/api/admin/subscriptions")).json();
    return items.find((item: any) => item.state === "accepted");
  }, 20_000, () => `follow never accepted\n${app.output().slice(-3000)}`);
  for (const post of getAnnouncements()) await postAndWait({ ...post });
  ids.photo = (await postAndWait({ content: "<p>The harbour footbridge reopens on Friday.</p>", language: "en", attachments: [{ file: "harbour-wide.jpg", alt: "The harbour at noon: a red-roofed boathouse under a yellow sun." }] })).id;
  ids.missing = (await postAndWait({ content: "<p>Our new recycling bins arrive next week.</p>", language: "en", attachments: [{ url: `${council.origin}/media/gone-from-the-server.png`, mediaType: "image/png", alt: "A green recycling bin with a yellow lid." }] })).id;
  // A post with no date at all (some servers send none): delivered as the council's own Create.
  const actor = `${council.origin}/users/council`;
  const noteId = `${actor}/statuses/undated-${Date.now()}`;
  const publicAddress = "https://www.w3.org/ns/activitystreams#Public";
  await council.control("POST", "/actors/council/send", {
    inbox: `${app.url}/ap/inbox`,
    activity: { "@context": "https://www.w3.org/ns/activitystreams", id: `${noteId}/activity`, type: "Create", actor, to: [publicAddress], object: { id: noteId, type: "Note", attributedTo: actor, to: [publicAddress], content: "<p>The pool is closed for cleaning.</p>" } },
  });
  ids.undated = (await waitFor(async () => (await listAll()).find((item) => item.uri === noteId), 20_000, () => `undated post never arrived\n${app.output().slice(-3000)}`)).id;
}, 180_000);

afterAll(async () => {
  await app?.stop();
  await council?.stop();
});

describe("pictures from Crier's own origin", () => {
  it("no page, feed, slide feed or JSON answer points at a picture outside PUBLIC_URL, and 1970 appears nowhere", async () => {
    const handle = encodeURIComponent(`@council@${council.host}`);
    const paths = [
      "/", `/announcements/${ids.photo}`, `/announcements/${ids.missing}`, `/announcements/${ids.undated}`, `/accounts/${handle}`,
      "/feed.xml", "/atom.xml", "/podcast.xml", `/accounts/${handle}/feed.xml`, `/accounts/${handle}/atom.xml`,
      "/signage/default", "/api/signage/default/feed.json", "/api/announcements?limit=100", `/api/announcements/${ids.photo}`, "/listen",
    ];
    for (const pathname of paths) {
      const body = await text(pathname);
      const foreign = findPictureUrls(body).filter((url) => !url.startsWith(`${app.url}/`));
      expect(foreign, pathname).toEqual([]);
      expect(body, pathname).not.toContain(`${council.host}/media/`);
      // Every img and source on a page is one of Crier's own copies (relative, or on PUBLIC_URL).
      for (const source of findImageSources(body)) expect(source, `${pathname}: ${source}`).toMatch(new RegExp(`^(${app.url.replace(/[.]/g, "\\.")})?/(media/|icon\\.svg)`));
      expect(body, pathname).not.toContain("1970");
    }
    // The photo is on the home page as AVIF and WebP sources with a JPEG fallback, each in three widths.
    const home = await text("/");
    const photoSources = findImageSources(home).filter((source) => source.includes(`/media/${ids.photo}.`));
    expect(photoSources.filter((source) => /\/(480|960|1920)\.(avif|webp|jpg)$/.test(source)).length).toBeGreaterThanOrEqual(9);
    expect(home).toMatch(/sizes="[^"]+"/);
  });

  it("answers each width and format, resized by sharp, with year-long immutable caching, an ETag and 304", async () => {
    const [source] = findImageSources(await text(`/announcements/${ids.photo}`)).filter((url) => url.endsWith("/480.avif"));
    const base = source!.replace(/\/480\.avif$/, "");
    for (const [width, format, sharpFormat] of [[480, "avif", "heif"], [960, "webp", "webp"], [1920, "jpg", "jpeg"], [480, "jpg", "jpeg"]] as const) {
      const response = await fetch(`${app.url}${base}/${width}.${format}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect(response.headers.get("content-type")).toBe(format === "jpg" ? "image/jpeg" : `image/${format}`);
      const metadata = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
      expect([metadata.width, metadata.height, metadata.format]).toEqual([width, (width * 2) / 3, sharpFormat]);
      const etag = response.headers.get("etag")!;
      expect(etag).toMatch(/^"[^"]+"$/);
      expect((await fetch(`${app.url}${base}/${width}.${format}`, { headers: { "if-none-match": etag } })).status).toBe(304);
    }
    // Widths and formats Crier does not make are refused, not made on demand.
    for (const name of ["500.jpg", "960.png", "960.jpg.exe", "99999.webp"]) expect((await fetch(`${app.url}${base}/${name}`)).status, name).toBe(404);
    // The original was fetched once and is kept in DATA_DIR/media beside its copies.
    expect(existsSync(path.join(app.dataDir, "media", ids.photo))).toBe(true);
  });

  it("says \"picture not available\" where the council's server has no picture, and still shows its description", async () => {
    const page = await waitFor(async () => {
      const html = await text(`/announcements/${ids.missing}`);
      return html.includes("Picture not available") ? html : null;
    }, 15_000, () => `the page never said the picture is not available\n${app.output().slice(-2000)}`);
    expect(page).toContain("A green recycling bin with a yellow lid.");
    expect(findImageSources(page).some((source) => source.includes(`/media/${ids.missing}.`))).toBe(false);
  });

  it("dates a post that gave no date when it arrived", async () => {
    const undated = (await listAll()).find((item) => item.id === ids.undated);
    expect(Math.abs(Date.parse(undated.published) - Date.now())).toBeLessThan(10 * 60_000);
    expect(await text(`/announcements/${ids.undated}`)).not.toContain("1970");
  });

  it("removes a deleted post's pictures: every copy answers 404 and its folder is gone", async () => {
    const [source] = findImageSources(await text(`/announcements/${ids.photo}`)).filter((url) => url.endsWith("/960.webp"));
    expect((await fetch(`${app.url}${source}`)).status).toBe(200);
    const uri = (await listAll()).find((item) => item.id === ids.photo).uri;
    await council.control("DELETE", `/posts/${encodeURIComponent(uri)}`);
    await waitFor(async () => (await fetch(`${app.url}${source}`)).status === 404, 10_000, () => `the picture was still served after its post was deleted\n${app.output().slice(-2000)}`);
    for (const name of ["480.avif", "1920.jpg"]) expect((await fetch(`${app.url}${source!.replace(/960\.webp$/, name)}`)).status).toBe(404);
    await waitFor(async () => !existsSync(path.join(app.dataDir, "media", ids.photo)), 5_000, () => "the deleted post's pictures were still on disk");
  });
});
