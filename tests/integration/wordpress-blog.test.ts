import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// A WordPress blog in blog-plus-authors mode, as the demo council's `blog` (a Group)
// and its author `roads` run it: the blog's outbox lists its authors' Creates, new
// posts reach followers as the blog's Announces, and a rename is an Update whose
// object is only the blog's IRI.

let council: Council;
let app: App;

async function listAnnouncements(query = "") {
  const response = await app.api("GET", `/api/announcements?limit=100${query}`);
  return (await response.json()).items as any[];
}

async function postAsAuthor(name: string, content: string, published?: string) {
  return council.control("POST", "/actors/roads/posts", { type: "Article", name, content, language: "en", published });
}

beforeAll(async () => {
  council = await startCouncil();
  // Two posts written before Crier follows the blog: only the blog's outbox has them.
  await postAsAuthor("Pothole repairs on Elm Road", "Crews start on Monday.", "2026-11-01T09:00:00Z");
  await postAsAuthor("Winter gritting routes", "Priority routes are gritted first.", "2026-11-02T09:00:00Z");
  app = await startApp({ certPath: council.certPath });
  const created = await (await app.api("POST", "/api/admin/subscriptions", { handle: `@blog@${council.host}` })).json();
  expect(created.state).toBe("pending");
  await waitFor(async () => {
    const { items } = await (await app.api("GET", "/api/admin/subscriptions")).json();
    return items[0]?.state === "accepted";
  }, 20_000, () => `the blog never accepted\n${app.output().slice(-3000)}`);
});

afterAll(async () => {
  await app?.stop();
  await council?.stop();
});

describe("a WordPress blog (a Group announcing its authors' posts)", () => {
  it("backfills the authors' posts its outbox lists, under their author and via the blog", async () => {
    const items = await waitFor(async () => {
      const found = await listAnnouncements();
      return found.length >= 2 && found;
    }, 20_000, () => `backfill kept nothing\n${app.output().slice(-3000)}`);
    expect(items.map((item) => item.text.split("\n")[0]).sort()).toEqual(["Pothole repairs on Elm Road", "Winter gritting routes"]);
    for (const item of items) {
      expect(item.account.handle).toBe(`@roads@${council.host}`);
      expect(item.via).toMatchObject({ handle: `@blog@${council.host}`, name: "Demo City News", uri: `${council.origin}/users/blog` });
    }
    expect(app.output()).not.toMatch(/did not author|not by .* on its own server/);
  });

  it("lists what the blog relayed under ?account= of the blog, beside the author's own listing", async () => {
    const post = await postAsAuthor("Bridge Street closed", "The bridge is closed for inspection on Friday.");
    await council.control("POST", "/actors/blog/announce", { object: post.id });
    const byBlog = await waitFor(async () => {
      const found = await listAnnouncements(`&account=${encodeURIComponent(`@blog@${council.host}`)}`);
      return found.some((item) => item.uri === post.id) && found;
    }, 15_000, () => `the relayed post is not listed under the blog\n${app.output().slice(-3000)}`);
    expect(byBlog).toHaveLength(3);
    expect(byBlog.every((item) => item.via?.handle === `@blog@${council.host}`)).toBe(true);
    const byAuthor = await listAnnouncements(`&account=${encodeURIComponent(`@roads@${council.host}`)}`);
    expect(byAuthor.map((item) => item.uri).sort()).toEqual(byBlog.map((item) => item.uri).sort());
    const byCouncil = await listAnnouncements(`&account=${encodeURIComponent(`@council@${council.host}`)}`);
    expect(byCouncil).toEqual([]);
  });

  it("shows a rename sent as an Update naming only the blog's IRI", async () => {
    const renamed = await council.control("POST", "/actors/blog/rename", { name: "Demo City Newsroom" });
    expect(renamed.delivered.map((delivery: { status: number }) => delivery.status)).toEqual([202]);
    const subscription = await waitFor(async () => {
      const { items } = await (await app.api("GET", "/api/admin/subscriptions")).json();
      return items[0]?.name === "Demo City Newsroom" && items[0];
    }, 15_000, () => `the rename never showed\n${app.output().slice(-3000)}`);
    expect(subscription.state).toBe("accepted");
    // Lists are cached for up to 5 s, and a profile is not an announcement event.
    await waitFor(async () => {
      const [latest] = await listAnnouncements(`&account=${encodeURIComponent(`@blog@${council.host}`)}`);
      return latest.via.name === "Demo City Newsroom";
    }, 15_000, () => "the announcements never showed the blog's new name");
    expect(app.output()).not.toMatch(/unsupported type Group/);
  });

  it("names itself Crier/<version> (+PUBLIC_URL) on every request to the council, GET and POST", async () => {
    const seen = await council.control("GET", "/user-agents");
    const crier = `Crier/0.1.0 (+${app.url})`;
    expect(seen.GET).toContain(crier);
    expect(seen.POST).toContain(crier);
    // Nothing else talks ActivityPub to this council: no request went out as "node".
    expect(new Set([...seen.GET, ...seen.POST])).toEqual(new Set([crier]));
  });
});
