import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startCouncil, type App, type Council } from "../integration/helpers/processes";
import { openEventStream } from "../integration/helpers/sse";
import { openBackends, type TestBackend } from "./helpers/backends";
import { followAndWait } from "./helpers/instances";
import { deliver, listStoredUris, signCouncilCreates, waitForQueueDrained } from "./helpers/signed-activities";

// An inbox flood: thousands of distinct signed Creates from a followed council, delivered
// 32 at a time over real HTTP, then 500 of them replayed. Every post must be stored
// exactly once and announced exactly once on the SSE stream.

// 10,000 on SQLite, the default install; 2,500 on PostgreSQL, whose queue the contract
// suite and the kill tests also cover (signing and delivering 10,000 more took a loaded
// 2-core machine over ten minutes). CRIER_FLOOD_COUNT sets both.
const COUNTS = { sqlite: Number(process.env.CRIER_FLOOD_COUNT ?? 10_000), postgres: Number(process.env.CRIER_FLOOD_COUNT ?? 2_500) };

const backends = await openBackends();
let council: Council;

beforeAll(async () => {
  council = await startCouncil();
});

afterAll(async () => {
  await council?.stop();
  for (const backend of backends) await backend.dispose();
});

describe.each(backends.map((backend) => [backend.name, backend] as const))("inbox flood on %s", (name: string, backend: TestBackend) => {
  let app: App;

  beforeAll(async () => {
    // About storing and announcing: no slides, audio or picture copies are made ahead
    // (with them, rendering 10,000 posts keeps both cores of a small machine busy for
    // minutes; under a flood it is bounded by MAX_BACKGROUND_*, tests/unit/background).
    app = await startApp({ certPath: council.certPath, env: { ...backend.env, PRERENDER: "none" } });
    await followAndWait(app.url, app.token, `@council@${council.host}`);
  });

  afterAll(async () => {
    await app?.stop();
  });

  const COUNT = COUNTS[backend.name];
  const REPLAYS = Math.min(500, COUNT);

  it(`stores ${COUNT} signed activities exactly once, replays included`, async () => {
    const inbox = `${app.url}/ap/inbox`;
    const runId = `flood-${name}-${Date.now()}`;
    const signStarted = performance.now();
    const deliveries = await signCouncilCreates(council, inbox, COUNT, runId);
    const signMs = performance.now() - signStarted;
    const stream = await openEventStream(`${app.url}/api/events`);

    const report = await deliver(deliveries, inbox, { concurrency: 32 });
    const replay = await deliver(deliveries.slice(0, REPLAYS), inbox, { concurrency: 32 });
    const drainStarted = performance.now();
    await waitForQueueDrained(app, 15 * 60_000);
    const totalMs = report.ms + replay.ms + (performance.now() - drainStarted);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the last SSE events in flight
    stream.close();

    const stored = await listStoredUris(app, runId);
    const created = stream.events.filter((event) => event.event === "announcement.created" && event.data.announcement?.uri.includes(runId));
    const health = await (await fetch(`${app.url}/api/health`)).json();
    console.log(
      `[reliability] ${name} flood: signed ${COUNT} in ${(signMs / 1000).toFixed(1)} s; delivered in ${(report.ms / 1000).toFixed(1)} s ` +
        `(${(COUNT / (report.ms / 1000)).toFixed(0)}/s accepted, statuses ${JSON.stringify(report.statuses)}, ${report.retried} retried); ` +
        `replayed ${REPLAYS} (statuses ${JSON.stringify(replay.statuses)}); all handled after ${(totalMs / 1000).toFixed(1)} s ` +
        `(${(COUNT / (totalMs / 1000)).toFixed(0)}/s end to end); stored ${stored.length}, unique ${new Set(stored).size}; ` +
        `SSE created events ${created.length}`,
    );
    expect(report.failed).toBe(0);
    expect(report.statuses[202]).toBe(COUNT);
    expect(stored.length).toBe(COUNT);
    expect(new Set(stored).size).toBe(COUNT);
    expect(new Set(stored)).toEqual(new Set(deliveries.map((delivery) => delivery.uri)));
    expect(created.length).toBe(COUNT);
    expect(health.status).toBe("ok");
  }, 30 * 60_000);
});
