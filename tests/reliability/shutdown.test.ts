import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCouncil, waitFor, type App, type Council } from "../integration/helpers/processes";
import { openBackends, type TestBackend } from "./helpers/backends";
import { followAndWait, startStorageApp } from "./helpers/instances";
import { deliver, listStoredUris, signCouncilCreates, waitForQueueDrained } from "./helpers/signed-activities";

// SIGTERM (what systemd, Docker and Kubernetes send) in the middle of an inbox burst:
// the app stops taking queue work, finishes or hands back what it holds, tells live
// screens when to come back, closes its database and exits, within 10 s. Started
// again, it stores every post exactly once. On each backend.

const BURST = 200;
const EXIT_BOUND_MS = 10_000;
const backends = await openBackends();

afterAll(async () => {
  for (const backend of backends) await backend.dispose();
});

/** A raw event-stream connection (as a kiosk holds one) that keeps everything it is sent. */
function openRawStream(url: string): Promise<{ text: () => string; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    let text = "";
    const request = http.get(`${url}/api/events`, { agent: false, headers: { accept: "text/event-stream" } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`the event stream answered ${response.statusCode}`));
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      const ended = new Promise<void>((done) => response.once("close", () => done()));
      resolve({ text: () => text, ended });
    });
    request.on("error", reject);
  });
}

/** Sends `signal` and measures how long the app takes to exit (gives up after 30 s). */
async function terminate(app: App, signal: NodeJS.Signals): Promise<{ ms: number; code: number | null; killedBy: string | null }> {
  const exited = new Promise<void>((resolve) => app.child.once("exit", () => resolve()));
  const started = Date.now();
  app.child.kill(signal);
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  const ms = Date.now() - started;
  await app.stop(); // SIGKILL if it is somehow still there
  return { ms, code: app.child.exitCode, killedBy: app.child.signalCode };
}

describe.each(backends.map((backend) => [backend.name, backend] as const))("SIGTERM on %s", (name: string, backend: TestBackend) => {
  let council: Council;
  let app: App;

  beforeAll(async () => {
    council = await startCouncil();
    app = await startStorageApp(backend, council);
    await followAndWait(app.url, app.token, `@council@${council.host}`);
  });

  afterAll(async () => {
    await app?.stop();
    await council?.stop();
  });

  it(`exits within 10 s mid-burst of ${BURST} signed deliveries, tells live screens to come back, and stores every post once after restart`, async () => {
    const inbox = `${app.url}/ap/inbox`;
    const runId = `sigterm-${name}-${Date.now()}`;
    const deliveries = await signCouncilCreates(council, inbox, BURST, runId);
    const screen = await openRawStream(app.url);
    const sending = deliver(deliveries, inbox, { concurrency: 16, maxTries: 60 });
    await waitFor(async () => (await listStoredUris(app, runId)).length >= 20, 120_000, () => "the burst never got going", 20);
    const storedBefore = (await listStoredUris(app, runId)).length;
    const queuedBefore = (await (await fetch(`${app.url}/api/health`)).json()).queue.queued;

    const exit = await terminate(app, "SIGTERM");
    await screen.ended;
    const stopLine = app.output().match(/Stopped in \d+ ms[^\n]*/)?.[0] ?? "(no stop line)";

    app = await startStorageApp(backend, council, app);
    const restarted = Date.now();
    const report = await sending;
    await waitForQueueDrained(app, 5 * 60_000);
    const drainedMs = Date.now() - restarted;
    const stored = await listStoredUris(app, runId);
    console.log(
      `[reliability] ${name} SIGTERM: ${storedBefore} of ${BURST} stored and ${queuedBefore} queued when signalled; exited in ${exit.ms} ms ` +
        `(code ${exit.code}, ${stopLine}); senders retried ${report.retried} times, final statuses ${JSON.stringify(report.statuses)}; ` +
        `queue drained ${(drainedMs / 1000).toFixed(1)} s after restart; stored ${stored.length}, unique ${new Set(stored).size}`,
    );
    expect(storedBefore).toBeLessThan(BURST);
    expect(exit.killedBy).toBeNull(); // it exited by itself, not by the helper's SIGKILL
    expect(exit.code).toBe(143);
    expect(exit.ms).toBeLessThan(EXIT_BOUND_MS);
    expect(stopLine).toMatch(/^Stopped in \d+ ms\.$/); // every part stopped in time, none failed
    // The screen was told when to reconnect, and its stream was closed by the server.
    expect(screen.text()).toMatch(/: server restarting\nretry: 5000\n/);
    expect(report.failed).toBe(0);
    expect(stored.length).toBe(BURST);
    expect(new Set(stored).size).toBe(BURST);
  }, 10 * 60_000);
});
