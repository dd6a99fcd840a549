import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCouncil, waitFor, type App, type Council } from "../integration/helpers/processes";
import { openBackends, type TestBackend } from "./helpers/backends";
import { followAndWait, startStorageApp } from "./helpers/instances";
import { deliver, listStoredUris, signCouncilCreates, waitForQueueDrained } from "./helpers/signed-activities";

// Faults, each followed by recovery without anyone stepping in:
// - the app is killed with SIGKILL in the middle of an inbox burst, and started again;
// - the council's server answers 503, answers garbage, answers slowly, or is gone
//   while the app must fetch a post a followed Group announced.
// Nothing may be lost and nothing duplicated.

// 500 keep hundreds in flight, queued or half-handled at the kill (a tenth is stored by
// then) and take a third of the time 1,000 did on a 2-core machine; CRIER_FAULT_BURST
// sets a bigger burst for a longer run.
const BURST = Number(process.env.CRIER_FAULT_BURST ?? 500);
const backends = await openBackends();

afterAll(async () => {
  for (const backend of backends) await backend.dispose();
});

const follow = (app: App, handle: string) => followAndWait(app.url, app.token, handle);

describe.each(backends.map((backend) => [backend.name, backend] as const))("faults on %s", (name: string, backend: TestBackend) => {
  let council: Council;
  let app: App;

  beforeAll(async () => {
    council = await startCouncil();
    app = await startStorageApp(backend, council);
    await follow(app, `@council@${council.host}`);
    await follow(app, `@noticeboard@${council.host}`);
  });

  afterAll(async () => {
    await app?.stop();
    await council?.stop();
  });

  it(`loses and duplicates nothing when the app is killed (SIGKILL) mid-burst of ${BURST} activities`, async () => {
    const inbox = `${app.url}/ap/inbox`;
    const runId = `kill-${name}-${Date.now()}`;
    const deliveries = await signCouncilCreates(council, inbox, BURST, runId);
    const sending = deliver(deliveries, inbox, { concurrency: 16, maxTries: 60 });
    // Kill once a tenth of the burst is stored: more are in flight, queued or being handled.
    let queuedAtKill = 0;
    await waitFor(async () => {
      const health = await (await fetch(`${app.url}/api/health`)).json();
      queuedAtKill = health.queue.queued;
      const { items } = await (await fetch(`${app.url}/api/announcements?limit=100`)).json();
      return items.filter((item: { uri: string }) => item.uri.includes(runId)).length >= Math.min(100, BURST / 10);
    }, 120_000, () => "the burst never got going", 20);
    const storedBeforeKill = (await listStoredUris(app, runId)).length;
    app.child.kill("SIGKILL");
    await app.stop();
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // senders meet a refused connection and retry
    app = await startStorageApp(backend, council, app);
    const report = await sending;
    await waitForQueueDrained(app, 10 * 60_000);
    const stored = await listStoredUris(app, runId);
    console.log(
      `[reliability] ${name} kill -9: ${storedBeforeKill} of ${BURST} stored and ${queuedAtKill} queued when killed; senders retried ${report.retried} times, ` +
        `final statuses ${JSON.stringify(report.statuses)}; after restart stored ${stored.length}, unique ${new Set(stored).size}`,
    );
    expect(storedBeforeKill).toBeLessThan(BURST);
    expect(report.failed).toBe(0);
    expect(stored.length).toBe(BURST);
    expect(new Set(stored).size).toBe(BURST);
  }, 20 * 60_000);

  it.skipIf(!backend.restartServer)(`loses and duplicates nothing when PostgreSQL restarts mid-burst of ${BURST} activities`, async () => {
    const inbox = `${app.url}/ap/inbox`;
    const runId = `pg-restart-${Date.now()}`;
    const deliveries = await signCouncilCreates(council, inbox, BURST, runId);
    const sending = deliver(deliveries, inbox, { concurrency: 16, maxTries: 60 });
    await waitFor(async () => {
      const { items } = await (await fetch(`${app.url}/api/announcements?limit=100`)).json();
      return items.filter((item: { uri: string }) => item.uri.includes(runId)).length >= Math.min(100, BURST / 10);
    }, 120_000, () => "the burst never got going", 20);
    const storedBefore = (await listStoredUris(app, runId)).length;
    const restartStarted = Date.now();
    await backend.restartServer!(5_000);
    const downMs = Date.now() - restartStarted;
    const healthAfter = await waitFor(async () => {
      const health = await fetch(`${app.url}/api/health`).then((response) => response.json()).catch(() => null);
      return health?.status === "ok" ? health : null;
    }, 60_000, () => "the app did not become healthy again after PostgreSQL came back", 200);
    const recoveredMs = Date.now() - restartStarted;
    const report = await sending;
    await waitForQueueDrained(app, 10 * 60_000);
    const stored = await listStoredUris(app, runId);
    console.log(
      `[reliability] ${name} PostgreSQL restart: ${storedBefore} of ${BURST} stored when it went down for ${(downMs / 1000).toFixed(1)} s; ` +
        `app healthy again ${(recoveredMs / 1000).toFixed(1)} s after the restart began; senders retried ${report.retried} times, ` +
        `final statuses ${JSON.stringify(report.statuses)}; stored ${stored.length}, unique ${new Set(stored).size}`,
    );
    expect(healthAfter.store.ok).toBe(true);
    expect(report.failed).toBe(0);
    expect(stored.length).toBe(BURST);
    expect(new Set(stored).size).toBe(BURST);
  }, 20 * 60_000);

  // Each case: the council misbehaves, the Group announces a post the app must fetch
  // from the council, the fault ends, and the post arrives once, by itself.
  const FAULTS = [
    { mode: "down", label: "answers 503" },
    { mode: "garbage", label: "answers garbage" },
    { mode: "slow", label: "answers after 3 s", delayMs: 3_000 },
    { mode: "unreachable", label: "is not running" },
  ] as const;

  // On SQLite only: the retry of a failed fetch is the inbox queue's, whose retry and
  // backoff the queue contract suite checks on both databases (tests/unit/queue); the
  // kills and the PostgreSQL restart above are what differ between the backends.
  for (const fault of FAULTS) {
    it.skipIf(name !== "sqlite")(`recovers by itself when the council ${fault.label}`, async () => {
      const post = (await council.control("POST", "/actors/stranger/posts", {
        content: `<p>Fault test (${fault.mode}): the market moves to the car park this Saturday.</p>`,
        language: "en",
        deliver: false,
      })) as { id: string };
      await council.control("POST", "/faults", { mode: fault.mode === "unreachable" ? "down" : fault.mode, delayMs: "delayMs" in fault ? fault.delayMs : undefined });
      await council.control("POST", "/actors/noticeboard/announce", { object: post.id });
      const faultStarted = Date.now();
      if (fault.mode === "unreachable") await council.stop();
      // While the fault lasts the app keeps answering.
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      const healthDuring = await fetch(`${app.url}/api/health`);
      expect(healthDuring.status).toBe(200);
      const presentDuring = (await listStoredUris(app, post.id)).length;
      if (fault.mode === "unreachable") {
        council = await startCouncil({ port: Number(council.host.split(":")[1]), dataDir: council.dataDir });
      } else {
        await council.control("POST", "/faults", { mode: "none" });
      }
      const recoveredAt = Date.now();
      await waitFor(async () => (await listStoredUris(app, post.id)).length > 0, 120_000, () => `the announced post never arrived after the council ${fault.label}\n${app.output().slice(-2000)}`, 500);
      const arrivedAt = Date.now();
      const stored = await listStoredUris(app, post.id);
      console.log(
        `[reliability] ${name} council ${fault.label}: fault lasted ${((recoveredAt - faultStarted) / 1000).toFixed(1)} s; ` +
          `stored during the fault: ${presentDuring}; arrived ${((arrivedAt - recoveredAt) / 1000).toFixed(1)} s after recovery; copies ${stored.length}`,
      );
      if (fault.mode !== "slow") expect(presentDuring).toBe(0);
      expect(stored).toEqual([post.id]);
    }, 5 * 60_000);
  }
});
