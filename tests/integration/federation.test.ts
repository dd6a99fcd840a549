import { generateCryptoKeyPair, signRequest } from "@fedify/fedify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";
import { openEventStream } from "./helpers/sse";

// Real HTTP between two processes on 127.0.0.1: the built app (`next start`) and the
// demo council (a Fedify server over HTTPS, in Mastodon's secure mode: every
// outbox and object fetch must be signed).

let council: Council;
let app: App;

async function listAnnouncements(): Promise<any[]> {
  const response = await fetch(`${app.url}/api/announcements?limit=100`);
  return (await response.json()).items;
}

async function waitForAnnouncement(predicate: (item: any) => boolean, what: string) {
  return waitFor(async () => (await listAnnouncements()).find(predicate), 15_000, () => `${what}\n--- app log ---\n${app.output().slice(-4000)}`);
}

async function waitForSubscription(handle: string, state: string) {
  return waitFor(async () => {
    const { items } = await (await app.api("GET", "/api/admin/subscriptions")).json();
    return items.find((item: any) => item.handle === handle && item.state === state);
  }, 15_000, () => `${handle} never became ${state}\n--- app log ---\n${app.output().slice(-4000)}\n--- council log ---\n${council.output().slice(-3000)}`);
}

/** Posts a public marker and waits for it: everything delivered before it has been processed. */
async function flushInbox(label: string) {
  const marker = await council.control("POST", "/actors/council/posts", { content: `<p>Marker ${label}</p>`, language: "en" });
  await waitForAnnouncement((item) => item.uri === marker.id, `marker ${label} never arrived`);
}

beforeAll(async () => {
  council = await startCouncil({ secure: true });
  app = await startApp({ certPath: council.certPath });
  // Posts from before the follow: only the (signed) outbox backfill can bring these in.
  await council.control("POST", "/actors/council/posts", {
    content: "<p>The library on Main Street reopens on Monday after its refit.</p>",
    language: "en",
    published: "2026-11-01T09:00:00.000Z",
  });
  await council.control("POST", "/actors/council/posts", {
    content: "<p>De markt verhuist tijdelijk naar het Stationsplein, vóór het café.</p>",
    language: "nl",
    published: "2026-11-02T09:00:00.000Z",
  });
});

afterAll(async () => {
  await app?.stop();
  await council?.stop();
});

describe("the service actor", () => {
  it("is discoverable and verifiable: WebFinger, NodeInfo, actor with RSA and Ed25519 keys and a shared inbox", async () => {
    const host = new URL(app.url).host;
    const webfinger = await (await fetch(`${app.url}/.well-known/webfinger?resource=acct:crier@${host}`)).json();
    const self = webfinger.links.find((link: any) => link.rel === "self");
    expect(self.href).toBe(`${app.url}/ap/actors/crier`);
    const actor = await (await fetch(self.href, { headers: { accept: "application/activity+json" } })).json();
    expect(actor).toMatchObject({ type: "Application", preferredUsername: "crier", inbox: `${app.url}/ap/actors/crier/inbox` });
    expect(actor.endpoints.sharedInbox).toBe(`${app.url}/ap/inbox`);
    expect(actor.publicKey.publicKeyPem).toContain("BEGIN PUBLIC KEY");
    // RSA first (it signs requests), then Ed25519 (multibase "z6Mk…").
    expect(actor.assertionMethod).toHaveLength(2);
    expect(actor.assertionMethod[1].publicKeyMultibase).toMatch(/^z6Mk/);
    const nodeinfoLinks = await (await fetch(`${app.url}/.well-known/nodeinfo`)).json();
    const nodeinfo = await (await fetch(nodeinfoLinks.links[0].href)).json();
    expect(nodeinfo.software.name).toBe("crier");
    const page = await fetch(self.href, { redirect: "manual", headers: { accept: "text/html" } });
    expect(page.status).toBe(303);
  });
});

describe("admin API", () => {
  it("answers 401 without the admin token", async () => {
    expect((await fetch(`${app.url}/api/admin/subscriptions`)).status).toBe(401);
    const post = await fetch(`${app.url}/api/admin/subscriptions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer wrong-token-wrong-token" },
      body: JSON.stringify({ handle: `@council@${council.host}` }),
    });
    expect(post.status).toBe(401);
  });

  it("reports an unknown handle as an error with a reason", async () => {
    const response = await app.api("POST", "/api/admin/subscriptions", { handle: `@nobody@${council.host}` });
    expect(response.status).toBe(422);
    const subscription = await response.json();
    expect(subscription.state).toBe("error");
    expect(subscription.reason).toMatch(/unknown handle/i);
  });

  it("reports an unreachable server as an error with a reason", async () => {
    const response = await app.api("POST", "/api/admin/subscriptions", { handle: "@news@localhost:9" });
    const subscription = await response.json();
    expect(subscription.state).toBe("error");
    expect(subscription.reason).toMatch(/could not be reached/i);
  });

  it("refuses a body that is not a handle", async () => {
    const response = await app.api("POST", "/api/admin/subscriptions", { nothing: true });
    expect(response.status).toBe(400);
  });
});

describe("following a council over ActivityPub", () => {
  it("subscribes by handle over HTTPS, is accepted, and backfills from a secure-mode outbox", async () => {
    const response = await app.api("POST", "/api/admin/subscriptions", { handle: `@council@${council.host}` });
    expect(response.status).toBe(201);
    expect(["pending", "accepted"]).toContain((await response.json()).state);
    await waitForSubscription(`@council@${council.host}`, "accepted");
    const library = await waitForAnnouncement((item) => item.text.includes("library on Main Street"), "backfill did not bring the old posts");
    expect(library.language).toBe("en");
    const market = await waitForAnnouncement((item) => item.text.includes("Stationsplein"), "backfill missed the Dutch post");
    expect(market.language).toBe("nl");
    expect(market.text).toContain("vóór het café");
    expect(market.account.handle).toBe(`@council@${council.host}`);
  });

  it("shows a new post, then its edit, then removes it on delete, with SSE events for each", async () => {
    const stream = await openEventStream(`${app.url}/api/events`);
    try {
      const post = await council.control("POST", "/actors/council/posts", {
        content: "<p>Bin collection moves to Saturday this week. #BinDay</p>",
        language: "en",
        tags: ["BinDay"],
        summary: "Bin day change",
        attachments: [{ file: "road-closed.png", alt: "A red road-closed sign on a wooden barrier." }],
      });
      const created = await waitForAnnouncement((item) => item.uri === post.id, "the new post never appeared");
      expect(created).toMatchObject({ language: "en", summary: "Bin day change", sensitive: true, visibility: "public" });
      expect(created.tags).toContain("BinDay");
      expect(created.attachments[0]).toMatchObject({ alt: "A red road-closed sign on a wooden barrier.", mediaType: "image/png" });
      const single = await (await fetch(`${app.url}/api/announcements/${created.id}`)).json();
      expect(single.uri).toBe(post.id);

      await council.control("PATCH", `/posts/${encodeURIComponent(post.id)}`, { content: "<p>Bin collection moves to Friday this week.</p>" });
      await waitForAnnouncement((item) => item.uri === post.id && item.text.includes("Friday"), "the edit never arrived");

      await council.control("DELETE", `/posts/${encodeURIComponent(post.id)}`);
      await waitFor(async () => !(await listAnnouncements()).some((item) => item.uri === post.id), 15_000, () => "the delete never arrived");
      expect((await fetch(`${app.url}/api/announcements/${created.id}`)).status).toBe(404);
      expect((await fetch(`${app.url}/api/admin/announcements/${created.id}/versions`)).status).toBe(401);
      const archive = await (await app.api("GET", `/api/admin/announcements/${created.id}/versions`)).json();
      expect(archive.items.map((version: any) => version.event)).toEqual(["created", "updated", "deleted"]);
      expect(archive.items[0].announcement.text).toContain("Saturday");

      await waitFor(async () => stream.events.some((event) => event.event === "announcement.deleted" && event.data.id === created.id), 5_000, () => "no SSE delete event");
      const kinds = stream.events.filter((event) => (event.data.announcement?.id ?? event.data.id) === created.id).map((event) => event.event);
      expect(kinds).toEqual(["announcement.created", "announcement.updated", "announcement.deleted"]);
    } finally {
      stream.close();
    }
  });

  it("answers 304 to a list request with a current ETag", async () => {
    const first = await fetch(`${app.url}/api/announcements`);
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    const second = await fetch(`${app.url}/api/announcements`, { headers: { "if-none-match": etag! } });
    expect(second.status).toBe(304);
  });

  it("never stores followers-only or direct posts", async () => {
    const followersOnly = await council.control("POST", "/actors/council/posts", { content: "<p>Staff only: rota changes.</p>", visibility: "followers" });
    await flushInbox("after followers-only");
    const all = await listAnnouncements();
    expect(all.some((item) => item.uri === followersOnly.id)).toBe(false);
  });

  it("removes scripts, event handlers and javascript: links from content", async () => {
    const post = await council.control("POST", "/actors/council/posts", {
      content: `<p>Hello<script>alert(1)</script><img src="x" onerror="alert(2)"> <a href="javascript:alert(3)">click</a> <a href="https://council.example/x" onclick="alert(4)">safe</a></p>`,
      language: "en",
    });
    const stored = await waitForAnnouncement((item) => item.uri === post.id, "the hostile post never arrived");
    expect(stored.html).not.toMatch(/<script|onerror|onclick|javascript:|<img/i);
    expect(stored.html).toContain('href="https://council.example/x"');
    expect(stored.text).not.toContain("alert");
  });
});

describe("activities that must never be stored", () => {
  const inbox = () => `${app.url}/ap/inbox`;
  const fakeCreate = (id: string) => ({
    "@context": "https://www.w3.org/ns/activitystreams",
    id: `${council.origin}/forged/${id}/activity`,
    type: "Create",
    actor: `${council.origin}/users/council`,
    to: ["https://www.w3.org/ns/activitystreams#Public"],
    object: {
      id: `${council.origin}/forged/${id}`,
      type: "Note",
      attributedTo: `${council.origin}/users/council`,
      content: `<p>Forged ${id}</p>`,
      to: ["https://www.w3.org/ns/activitystreams#Public"],
      published: new Date().toISOString(),
    },
  });

  it("refuses an unsigned activity with 401", async () => {
    const response = await fetch(inbox(), {
      method: "POST",
      headers: { "content-type": "application/activity+json" },
      body: JSON.stringify(fakeCreate("unsigned")),
    });
    expect(response.status).toBe(401);
  });

  it("refuses an activity signed with the wrong key with 401", async () => {
    const { privateKey } = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
    const request = new Request(inbox(), {
      method: "POST",
      headers: { "content-type": "application/activity+json" },
      body: JSON.stringify(fakeCreate("wrong-key")),
    });
    const signed = await signRequest(request, privateKey, new URL(`${council.origin}/users/council#main-key`));
    const response = await fetch(signed);
    expect(response.status).toBe(401);
  });

  it("ignores a validly signed post from an actor it does not follow", async () => {
    const post = await council.control("POST", "/actors/stranger/posts", { content: "<p>Buy cheap watches</p>", inboxes: [inbox()] });
    await flushInbox("after stranger");
    expect((await listAnnouncements()).some((item) => item.uri === post.id)).toBe(false);
  });

  it("ignores a followed actor's Create of an object attributed to someone else", async () => {
    const activity = fakeCreate("other-author");
    (activity.object as any).attributedTo = `${council.origin}/users/stranger`;
    await council.control("POST", "/actors/council/send", { inbox: inbox(), activity });
    await flushInbox("after other-author");
    expect((await listAnnouncements()).some((item) => item.uri === activity.object.id)).toBe(false);
  });

  it("logs and skips malformed activities from a followed account, and keeps working", async () => {
    const actor = `${council.origin}/users/council`;
    const base = { "@context": "https://www.w3.org/ns/activitystreams", actor, to: ["https://www.w3.org/ns/activitystreams#Public"] };
    const malformed = [
      { ...base, id: `${council.origin}/bad/1`, type: "Create", object: 42 },
      { ...base, id: `${council.origin}/bad/2`, type: "Create", object: { type: "Note", content: "no id" } },
      { ...base, id: `${council.origin}/bad/3`, type: "Create", object: { id: `${council.origin}/bad/3/note`, type: "Note", attributedTo: actor, content: ["not", "a", "string"], to: {} } },
      { ...base, id: `${council.origin}/bad/4`, type: "Update", object: `${council.origin}/does-not-exist` },
      { ...base, id: `${council.origin}/bad/5`, type: "Delete", object: null },
      { ...base, id: `${council.origin}/bad/6`, type: "Undo" },
      // Fedify itself refuses this one (400): an unparseable date.
      { ...base, id: `${council.origin}/bad/7`, type: "Create", object: { id: `${council.origin}/bad/7/note`, type: "Note", attributedTo: actor, content: "<p>x</p>", published: "not a date" } },
      // Kept, with the hostile attachment dropped.
      { ...base, id: `${council.origin}/bad/8`, type: "Create", object: { id: `${council.origin}/bad/8/note`, type: "Note", attributedTo: actor, content: "<p>ok</p>", to: "https://www.w3.org/ns/activitystreams#Public", tag: "nonsense", attachment: [{ type: "Document", url: "javascript:alert(1)", name: "x" }] } },
    ];
    for (const activity of malformed) {
      const { status } = await council.control("POST", "/actors/council/send", { inbox: inbox(), activity });
      expect(status, JSON.stringify(activity)).toBeLessThan(500);
    }
    await flushInbox("after malformed");
    const stored = (await listAnnouncements()).find((item) => item.uri === `${council.origin}/bad/8/note`);
    expect(stored?.text).toBe("ok");
    expect(stored?.attachments).toEqual([]);
    expect(stored?.tags).toEqual([]);
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });

  it("refuses deeply nested and oversized bodies before any processing", async () => {
    const deep = "[".repeat(10_000) + "]".repeat(10_000);
    expect((await fetch(inbox(), { method: "POST", headers: { "content-type": "application/activity+json" }, body: deep })).status).toBe(400);
    const huge = JSON.stringify({ type: "Create", content: "x".repeat(600 * 1024) });
    expect((await fetch(inbox(), { method: "POST", headers: { "content-type": "application/activity+json" }, body: huge })).status).toBe(413);
    const health = await fetch(`${app.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: "ok",
      store: { kind: process.env.CRIER_TEST_BACKEND === "postgres" ? "postgres" : "sqlite", ok: true },
      queue: { ok: true, worker: true },
      renderers: { slidesQueued: expect.any(Number), speechQueued: expect.any(Number) },
    });
  });
});

describe("a followed Group", () => {
  it("keeps a post the Group announces, fetched from its author's server, and hides it on Undo", async () => {
    await app.api("POST", "/api/admin/subscriptions", { handle: `@noticeboard@${council.host}` });
    await waitForSubscription(`@noticeboard@${council.host}`, "accepted");
    const post = await council.control("POST", "/actors/stranger/posts", {
      content: "<p>Community clean-up in the park on Sunday.</p>",
      language: "en",
      deliver: false,
    });
    const announce = await council.control("POST", "/actors/noticeboard/announce", { object: post.id });
    const kept = await waitForAnnouncement((item) => item.uri === post.id, "the announced post never arrived");
    expect(kept.account.uri).toBe(`${council.origin}/users/stranger`);
    await council.control("DELETE", `/announces/${announce.shortId}`);
    await waitFor(async () => !(await listAnnouncements()).some((item) => item.uri === post.id), 15_000, () => "Undo(Announce) did not hide the post");
  });
});

describe("unfollowing", () => {
  it("sends Undo(Follow) and removes the account's announcements from display", async () => {
    const { items } = await (await app.api("GET", "/api/admin/subscriptions")).json();
    const subscription = items.find((item: any) => item.handle === `@council@${council.host}`);
    expect((await app.api("DELETE", `/api/admin/subscriptions/${subscription.id}`)).status).toBe(204);
    expect((await listAnnouncements()).some((item) => item.account.handle === `@council@${council.host}`)).toBe(false);
    await waitFor(async () => {
      const followers = await council.control("GET", "/actors/council/followers");
      return followers.items.length === 0;
    }, 15_000, () => "the council still lists us as a follower");
  });
});
