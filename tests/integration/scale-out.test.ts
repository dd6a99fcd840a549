import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPostgres, whyNoPostgres, type TestPostgres } from "../setup/postgres";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";
import { startReverseProxy, type ReverseProxy } from "./helpers/reverse-proxy";
import { openEventStream, type ReceivedEvent } from "./helpers/sse";

// The production layout of README "Running on PostgreSQL / several instances", on
// 127.0.0.1: two `next start` instances on one PostgreSQL database behind one reverse
// proxy, which is PUBLIC_URL. The proxy sends inbox POSTs to A and the admin API to B,
// and spreads everything else (actor documents, WebFinger) over both. B runs no queue
// worker, so whatever B learns of a delivered post it learns from PostgreSQL. Last, A is
// killed (SIGKILL) and a third instance C takes its place behind the proxy.

const skipReason = whyNoPostgres();
if (skipReason) console.warn(`Skipping the scale-out test: ${skipReason}.`);

let postgres: TestPostgres;
let council: Council;
let proxy: ReverseProxy;
let appA: App;
let appB: App;
let appC: App | undefined;
const backends = { a: "", b: "" };
let shared: Record<string, string>;
let turn = 0;

function logs(): string {
  return `\n--- A ---\n${appA?.output().slice(-3000)}\n--- B ---\n${appB?.output().slice(-3000)}\n--- council ---\n${council?.output().slice(-2000)}`;
}

async function proxyApi(method: string, pathname: string, body?: unknown): Promise<Response> {
  return fetch(`${proxy.url}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${appA.token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function findEvent(events: ReceivedEvent[], predicate: (event: ReceivedEvent) => boolean) {
  return async () => events.find(predicate);
}

describe.skipIf(skipReason !== null)("two instances on one PostgreSQL behind one reverse proxy", () => {
  beforeAll(async () => {
    postgres = await startTestPostgres();
    const databaseUrl = await postgres.createDatabase();
    council = await startCouncil();
    proxy = await startReverseProxy((request) => {
      if (request.method === "POST" && request.url?.split("?")[0]?.endsWith("/inbox")) return backends.a;
      if (request.url?.startsWith("/api/admin")) return backends.b;
      return turn++ % 2 === 0 ? backends.a : backends.b;
    });
    shared = { DATABASE_URL: databaseUrl, PUBLIC_URL: proxy.url, ADMIN_TOKEN: randomBytes(24).toString("base64url") };
    // Started together on an empty database: the migration lock keeps them from racing.
    [appA, appB] = await Promise.all([
      startApp({ certPath: council.certPath, env: shared }),
      startApp({ certPath: council.certPath, env: { ...shared, QUEUE_WORKER: "false" } }),
    ]);
    backends.a = appA.url;
    backends.b = appB.url;
  }, 240_000);

  afterAll(async () => {
    await appC?.stop();
    await appA?.stop();
    await appB?.stop();
    await proxy?.close();
    await council?.stop();
    await postgres?.stop();
  });

  it("both instances report the PostgreSQL store as healthy", async () => {
    for (const app of [appA, appB]) {
      const health = await (await fetch(`${app.url}/api/health`)).json();
      expect(health).toMatchObject({ status: "ok", store: { kind: "postgres", ok: true }, queue: { ok: true }, events: { scope: "shared", isHearingOthers: true } });
    }
  });

  it("accepts a follow made through B via A's inbox", async () => {
    const handle = `@council@${council.host}`;
    const response = await proxyApi("POST", "/api/admin/subscriptions", { handle });
    expect(response.status).toBe(201);
    const accepted = await waitFor(async () => {
      const { items } = await (await appB.api("GET", "/api/admin/subscriptions")).json();
      return items.find((item: any) => item.handle === handle && item.state === "accepted");
    }, 20_000, () => `the follow was never accepted${logs()}`);
    const inboxPosts = proxy.log.filter((entry) => entry.method === "POST" && entry.path.endsWith("/inbox"));
    expect(inboxPosts.length).toBeGreaterThan(0);
    expect(inboxPosts.every((entry) => entry.backend === appA.url && entry.status === 202)).toBe(true);
    expect(proxy.log.some((entry) => entry.path.startsWith("/api/admin") && entry.backend === appB.url)).toBe(true);
    // The council fetched our actor (to check signatures) from both instances: same keys from the database.
    const actorFetches = new Set(proxy.log.filter((entry) => entry.path.startsWith("/ap/actors/crier") && entry.method === "GET").map((entry) => entry.backend));
    console.log(`follow accepted; inbox POSTs to A: ${inboxPosts.length}; actor fetched from ${actorFetches.size} instance(s)`);
    const { items } = await (await appA.api("GET", "/api/admin/subscriptions")).json();
    expect(items.find((item: any) => item.id === accepted.id)?.state).toBe("accepted");
  });

  it("shows a post delivered to A on B's SSE within 1 s, with the same event ids on both, and its delete too", async () => {
    const onA = await openEventStream(`${appA.url}/api/events`);
    const onB = await openEventStream(`${appB.url}/api/events`);
    try {
      const postedAt = Date.now();
      const post = await council.control("POST", "/actors/council/posts", { content: "<p>Scale-out: the ferry runs every hour today.</p>", language: "en" });
      const seenOnB = await waitFor(findEvent(onB.events, (event) => event.event === "announcement.created" && event.data.announcement.uri === post.id), 10_000, () => `B's SSE never saw the post${logs()}`);
      const delivery = proxy.log.find((entry) => entry.method === "POST" && entry.path.endsWith("/inbox") && entry.answeredAt >= postedAt);
      expect(delivery?.backend).toBe(appA.url);
      const latency = seenOnB.receivedAt - delivery!.answeredAt;
      console.log(`post delivered to A's inbox → on B's SSE: ${latency} ms (council post → B: ${seenOnB.receivedAt - postedAt} ms)`);
      expect(latency).toBeLessThan(1_000);
      const seenOnA = await waitFor(findEvent(onA.events, (event) => event.event === "announcement.created" && event.data.announcement.uri === post.id), 5_000, () => "A's SSE never saw the post");
      expect(seenOnB.id).toBe(seenOnA.id);
      expect(seenOnB.data.announcement.text).toContain("ferry runs every hour");
      expect(onB.events.filter((event) => event.event === "announcement.created" && event.data.announcement.uri === post.id)).toHaveLength(1);

      // B's readers have the post in their cache now; the delete A stores must empty it.
      const id = seenOnB.data.announcement.id;
      const readOnB = async () => ({
        one: (await fetch(`${appB.url}/api/announcements/${id}`)).status,
        list: JSON.stringify((await (await fetch(`${appB.url}/api/announcements`)).json()).items.map((item: any) => item.id)),
        screen: JSON.stringify((await (await fetch(`${appB.url}/api/signage/default/feed.json`)).json()).items.map((item: any) => item.id)),
      });
      const primed = await readOnB();
      expect(primed.one).toBe(200);
      expect(primed.list).toContain(id);
      expect(primed.screen).toContain(id);

      const deletedAt = Date.now();
      await council.control("DELETE", `/posts/${encodeURIComponent(post.id)}`);
      const deletedOnB = await waitFor(findEvent(onB.events, (event) => event.event === "announcement.deleted" && event.data.id === seenOnB.data.announcement.id), 10_000, () => `B's SSE never saw the delete${logs()}`);
      const deleteDelivery = proxy.log.find((entry) => entry.method === "POST" && entry.path.endsWith("/inbox") && entry.answeredAt >= deletedAt);
      console.log(`council delete → A's inbox answered: ${deleteDelivery ? deleteDelivery.answeredAt - deletedAt : "?"} ms → on B's SSE: ${deletedOnB.receivedAt - deletedAt} ms`);
      const afterDelete = await readOnB();
      expect(afterDelete.one).toBe(404);
      expect(afterDelete.list).not.toContain(id);
      expect(afterDelete.screen).not.toContain(id);

      // A client that saw the post on B and reconnects to A (Last-Event-ID) gets the delete it missed.
      const resumed = await openEventStream(`${appA.url}/api/events?lastEventId=${seenOnB.id}`);
      try {
        const replayed = await waitFor(findEvent(resumed.events, (event) => event.event === "announcement.deleted"), 5_000, () => "A replayed nothing");
        expect(replayed.id).toBe(deletedOnB.id);
        expect(resumed.events.some((event) => event.event === "announcement.created" && event.id === seenOnB.id)).toBe(false);
      } finally {
        resumed.close();
      }
    } finally {
      onA.close();
      onB.close();
    }
  });

  it("keeps going when A is killed: a new instance C takes A's place, nothing is followed again", async () => {
    appC = await startApp({ certPath: council.certPath, env: shared });
    await appA.stop("SIGKILL");
    backends.a = appC.url;
    const onB = await openEventStream(`${appB.url}/api/events`);
    try {
      const postedAt = Date.now();
      const post = await council.control("POST", "/actors/council/posts", { content: "<p>Scale-out: the pool opens at nine after A died.</p>", language: "en" });
      const seenOnB = await waitFor(findEvent(onB.events, (event) => event.event === "announcement.created" && event.data.announcement.uri === post.id), 15_000, () => `B's SSE never saw the post after A died${logs()}\n--- C ---\n${appC?.output().slice(-3000)}`);
      const delivery = proxy.log.find((entry) => entry.method === "POST" && entry.path.endsWith("/inbox") && entry.answeredAt >= postedAt);
      expect(delivery?.backend).toBe(appC.url);
      console.log(`after A was killed: delivered to C's inbox → on B's SSE: ${seenOnB.receivedAt - delivery!.answeredAt} ms`);
      const { items } = await (await appC.api("GET", "/api/admin/subscriptions")).json();
      expect(items.map((item: any) => item.state)).toEqual(["accepted"]);
    } finally {
      onB.close();
    }
  });
});
