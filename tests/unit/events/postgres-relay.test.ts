import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEventBus, type SequencedEvent } from "../../../lib/events/bus";
import { startPostgresEventRelay } from "../../../lib/events/postgres-relay";
import { PostgresDatabase } from "../../../lib/store/postgres-database";
import { PostgresStore } from "../../../lib/store/postgres-store";
import { startTestPostgres, whyNoPostgres, type TestPostgres } from "../../setup/postgres";
import { makeDraft } from "../store/store-contract";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const skipReason = whyNoPostgres();
if (skipReason) console.warn(`Skipping the PostgreSQL event relay tests: ${skipReason}.`);

// This process is one instance; a plain pg client plays the other instances (NOTIFY / LISTEN).
describe.skipIf(skipReason !== null)("PostgreSQL event relay", () => {
  let server: TestPostgres;
  let db: PostgresDatabase;
  let store: PostgresStore;
  let other: pg.Client;
  const heard: string[] = [];
  const received: SequencedEvent[] = [];

  beforeAll(async () => {
    server = await startTestPostgres();
    db = new PostgresDatabase(await server.createDatabase());
    store = new PostgresStore(db, () => false);
    await startPostgresEventRelay(db, store);
    getEventBus().subscribe((event) => received.push(event));
    other = new pg.Client(db.url);
    await other.connect();
    other.on("notification", (message) => heard.push(message.payload ?? ""));
    await other.query("LISTEN crier_events");
  });
  afterAll(async () => {
    getEventBus().setRelay(null);
    await other?.end();
    await db?.close();
    await server?.stop();
  });

  it("announces what this instance publishes with ids only, well under NOTIFY's 8000 bytes", async () => {
    const { announcement } = await store.putAnnouncement({ draft: makeDraft({ text: "x".repeat(20_000) }), accountUri: "https://council.example/users/news", viaUri: null, language: "en" });
    const published = getEventBus().publish({ type: "announcement.created", announcement: announcement! });
    while (heard.length === 0) await sleep(10);
    const notice = JSON.parse(heard[0]!);
    expect(notice).toMatchObject({ seq: published.seq, type: "announcement.created", id: announcement!.id, uri: announcement!.uri });
    expect(heard[0]!.length).toBeLessThan(1000);
    expect(received.filter((event) => event.seq === published.seq)).toHaveLength(1); // not echoed back
  });

  it("delivers another instance's event with its id, loading the announcement from the database", async () => {
    const { announcement } = await store.putAnnouncement({ draft: makeDraft({ uri: "https://council.example/notes/remote" }), accountUri: "https://council.example/users/news", viaUri: null, language: "en" });
    const seq = Date.now() * 1000 + 999;
    await other.query("SELECT pg_notify('crier_events', $1)", [JSON.stringify({ from: "instance-b", seq, at: new Date().toISOString(), type: "announcement.updated", id: announcement!.id, uri: announcement!.uri })]);
    while (!received.some((event) => event.seq === seq)) await sleep(10);
    const event = received.find((candidate) => candidate.seq === seq)!;
    expect(event.type).toBe("announcement.updated");
    expect("announcement" in event && event.announcement.text).toBe(announcement!.text);
  });

  it("announces a screen change, and delivers another instance's as it was sent", async () => {
    const published = getEventBus().publish({ type: "screen.changed", screen: "hall", reload: false });
    while (!heard.some((payload) => JSON.parse(payload).seq === published.seq)) await sleep(10);
    expect(JSON.parse(heard.find((payload) => JSON.parse(payload).seq === published.seq)!)).toMatchObject({ type: "screen.changed", screen: "hall", reload: false });

    const seq = Date.now() * 1000 + 998;
    await other.query("SELECT pg_notify('crier_events', $1)", [JSON.stringify({ from: "instance-b", seq, at: new Date().toISOString(), type: "screen.changed", screen: "lobby", reload: true })]);
    while (!received.some((event) => event.seq === seq)) await sleep(10);
    expect(received.find((candidate) => candidate.seq === seq)).toMatchObject({ type: "screen.changed", screen: "lobby", reload: true, seq });
  });

  it("ignores malformed notices and notices about announcements that are gone, and keeps working", async () => {
    const before = received.length;
    for (const payload of ["not json", JSON.stringify({ from: "b", seq: -1, type: "announcement.created" }), JSON.stringify({ from: "b", seq: Date.now() * 1000, at: "", type: "announcement.created", id: "nope", uri: "https://x.example/nope" })]) {
      await other.query("SELECT pg_notify('crier_events', $1)", [payload]);
    }
    const seq = Date.now() * 1000 + 998;
    await other.query("SELECT pg_notify('crier_events', $1)", [JSON.stringify({ from: "b", seq, at: new Date().toISOString(), type: "announcement.deleted", id: "gone", uri: "https://x.example/gone" })]);
    while (!received.some((event) => event.seq === seq)) await sleep(10);
    expect(received.slice(before).map((event) => event.seq)).toEqual([seq]);
  });

  it("listens again after its connection is cut (a PostgreSQL restart or failover)", async () => {
    await other.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'crier-listen'");
    const seq = Date.now() * 1000 + 997;
    const notice = JSON.stringify({ from: "b", seq, at: new Date().toISOString(), type: "announcement.deleted", id: "after-cut", uri: "https://x.example/after-cut" });
    const deadline = Date.now() + 10_000;
    while (!received.some((event) => event.seq === seq) && Date.now() < deadline) {
      await other.query("SELECT pg_notify('crier_events', $1)", [notice]);
      await sleep(200);
    }
    expect(received.filter((event) => event.seq === seq).length).toBeGreaterThan(0);
    const [{ count }] = (await other.query("SELECT count(*)::int AS count FROM pg_stat_activity WHERE application_name = 'crier-listen'")).rows;
    expect(count).toBe(1);
  });
});
