import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPostgres, whyNoPostgres, type TestPostgres } from "../setup/postgres";
import { getFreePort, makeTempDir, startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// kill -9 the app after an activity was received (and acknowledged) but before it
// was processed: after a restart it must be processed, and the subscriptions and
// the actor's keys must be unchanged. To stop between the two steps reliably, the
// app runs once with QUEUE_WORKER=false (it accepts and queues, but does not work
// the queue), as a web-only instance would. The same on SQLite and on PostgreSQL.

let council: Council;
let app: App | undefined;
let port: number;
let postgres: TestPostgres | undefined;
const noPostgres = whyNoPostgres();

async function getActorDocument(url: string) {
  const response = await fetch(`${url}/ap/actors/crier`, { headers: { accept: "application/activity+json" } });
  return response.json();
}

beforeAll(async () => {
  council = await startCouncil();
});

afterAll(async () => {
  await app?.stop("SIGKILL");
  await council?.stop();
  await postgres?.stop();
});

const backends: { name: string; getEnv: () => Promise<Record<string, string>>; skip: string | null }[] = [
  { name: "SQLite", getEnv: async () => ({ DATABASE_URL: "" }), skip: null }, // "" stays SQLite under CRIER_TEST_BACKEND=postgres
  {
    name: "PostgreSQL",
    getEnv: async () => {
      postgres ??= await startTestPostgres();
      return { DATABASE_URL: await postgres.createDatabase() };
    },
    skip: noPostgres,
  },
];

describe.each(backends)("durability across kill -9 on $name", ({ getEnv, skip }) => {
  it.skipIf(skip !== null)("processes an activity received before the crash, and keeps subscriptions and keys", async () => {
    const backendEnv = await getEnv();
    const dataDir = makeTempDir("durability");
    port = await getFreePort(); // a new actor address per backend: the council keeps the previous one's keys
    await council.control("POST", "/reset");
    app = await startApp({ dataDir, port, certPath: council.certPath, env: backendEnv });
    await app.api("POST", "/api/admin/subscriptions", { handle: `@council@${council.host}` });
    await waitFor(async () => {
      const { items } = await (await app!.api("GET", "/api/admin/subscriptions")).json();
      return items[0]?.state === "accepted";
    }, 15_000, () => `not accepted\n${app!.output().slice(-3000)}`);
    const actorBefore = await getActorDocument(app.url);
    const subscriptionsBefore = (await (await app.api("GET", "/api/admin/subscriptions")).json()).items;
    await app.stop();

    app = await startApp({ dataDir, port, certPath: council.certPath, env: { ...backendEnv, QUEUE_WORKER: "false" } });
    const post = await council.control("POST", "/actors/council/posts", {
      content: "<p>Water supply interrupted on Harbour Road from 10:00 to 14:00.</p>",
      language: "en",
    });
    expect(post.delivered?.every?.((delivery: any) => delivery.ok !== false) ?? true).toBe(true);
    const health = await (await fetch(`${app.url}/api/health`)).json();
    expect(health.queue.queued).toBeGreaterThanOrEqual(1);
    const listed = await (await fetch(`${app.url}/api/announcements`)).json();
    expect(listed.items.some((item: any) => item.uri === post.id)).toBe(false);
    await app.stop("SIGKILL");

    app = await startApp({ dataDir, port, certPath: council.certPath, env: backendEnv });
    const restored = await waitFor(async () => {
      const { items } = await (await fetch(`${app!.url}/api/announcements`)).json();
      return items.find((item: any) => item.uri === post.id);
    }, 20_000, () => `the queued activity was lost\n${app!.output().slice(-3000)}`);
    expect(restored.text).toContain("Harbour Road");

    const actorAfter = await getActorDocument(app.url);
    expect(actorAfter.publicKey).toEqual(actorBefore.publicKey);
    expect(actorAfter.assertionMethod).toEqual(actorBefore.assertionMethod);
    const subscriptionsAfter = (await (await app.api("GET", "/api/admin/subscriptions")).json()).items;
    expect(subscriptionsAfter).toEqual(subscriptionsBefore);
    await app.stop();
    app = undefined;
  }, 180_000); // three app starts and a kill: on a 2-core machine running other lanes, more than a minute
});
