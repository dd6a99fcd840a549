import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// The reader pages and feeds are kept between visitors until something changes: a new
// post, an edit and a delete must each show on the very next request (no waiting for
// an expiry), per variant (language, theme, text size), with ETag/304 and a
// Cache-Control a proxy may use.

let council: Council;
let app: App;
let handle: string;

async function get(pathname: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${app.url}${pathname}`, { headers });
}

async function postAndWait(content: string): Promise<{ id: string; uri: string }> {
  const created = await council.control("POST", "/actors/council/posts", { content: `<p>${content}</p>`, language: "en" });
  return waitFor(async () => (await (await get("/api/announcements?limit=100")).json()).items.find((item: any) => item.uri === created.id), 20_000, () => `post never arrived\n${app.output().slice(-3000)}`);
}

/** Waits until the app has stored what the council sent (the JSON API), then asks the page once: no retries. */
async function pagesNow(): Promise<Record<string, string>> {
  const paths = ["/", `/accounts/${encodeURIComponent(handle)}`, "/feed.xml", "/atom.xml", `/accounts/${encodeURIComponent(handle)}/feed.xml`];
  const bodies: Record<string, string> = {};
  for (const pathname of paths) bodies[pathname] = await (await get(pathname)).text();
  return bodies;
}

beforeAll(async () => {
  council = await startCouncil();
  app = await startApp({ certPath: council.certPath });
  handle = `@council@${council.host}`;
  await app.api("POST", "/api/admin/subscriptions", { handle });
  await waitFor(async () => (await (await app.api("GET", "/api/admin/subscriptions")).json()).items[0]?.state === "accepted", 20_000, () => "not accepted");
  await postAndWait("Bin collections move to Tuesday this week.");
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await council?.stop();
});

describe("reader pages and feeds kept between visitors", () => {
  it("answer with an ETag, 304 to If-None-Match, and a Cache-Control that lets a proxy keep the page but ask each time", async () => {
    for (const pathname of ["/", `/accounts/${encodeURIComponent(handle)}`, "/feed.xml", "/atom.xml"]) {
      const first = await get(pathname);
      const body = await first.text();
      expect(first.status, pathname).toBe(200);
      expect(first.headers.get("cache-control"), pathname).toBe("public, no-cache");
      const etag = first.headers.get("etag")!;
      expect(etag, pathname).toMatch(/^"[^"]+"$/);
      const second = await get(pathname);
      expect(await second.text(), pathname).toBe(body);
      expect(second.headers.get("etag"), pathname).toBe(etag);
      expect((await get(pathname, { "if-none-match": etag })).status, pathname).toBe(304);
    }
    expect((await get("/")).headers.get("vary")).toMatch(/Cookie, Accept-Language/);
  });

  it("keeps each variant apart: language, theme and text size", async () => {
    const english = await (await get("/", { "accept-language": "en" })).text();
    const dutch = await (await get("/", { "accept-language": "nl" })).text();
    const large = await (await get("/", { "accept-language": "en", cookie: "crier-theme=yellow; crier-size=4" })).text();
    expect(english).toContain('lang="en"');
    expect(dutch).toContain('lang="nl"');
    expect(large).toMatch(/data-theme="yellow"[^>]*data-size="4"|data-size="4"[^>]*data-theme="yellow"/);
    expect(english).not.toContain('data-theme="yellow"');
    // Asked again, each variant is still its own.
    expect(await (await get("/", { "accept-language": "nl" })).text()).toBe(dutch);
  });

  it("shows a new post, an edit and a delete on the next request to every page and feed", async () => {
    await pagesNow(); // every page kept now
    const added = await postAndWait("The library opens late on Thursday for staff training.");
    for (const [pathname, body] of Object.entries(await pagesNow())) expect(body, pathname).toContain("The library opens late on Thursday");
    const page = `/announcements/${added.id}`;
    const before = await get(page);
    expect(await before.text()).toContain("opens late on Thursday");

    await council.control("PATCH", `/posts/${encodeURIComponent(added.uri)}`, { content: "<p>The library opens at noon on Thursday for staff training.</p>" });
    await waitFor(async () => (await (await get(`/api/announcements/${added.id}`)).json()).text.includes("at noon"), 20_000, () => "edit never arrived");
    for (const [pathname, body] of Object.entries(await pagesNow())) expect(body, pathname).toContain("opens at noon on Thursday");
    const edited = await get(page, { "if-none-match": before.headers.get("etag")! });
    expect(edited.status).toBe(200);
    expect(await edited.text()).toContain("opens at noon");

    await council.control("DELETE", `/posts/${encodeURIComponent(added.uri)}`);
    await waitFor(async () => (await get(`/api/announcements/${added.id}`)).status === 404, 20_000, () => "delete never arrived");
    for (const [pathname, body] of Object.entries(await pagesNow())) expect(body, pathname).not.toContain("opens at noon");
    expect((await get(page)).status).toBe(404);
  });
});
