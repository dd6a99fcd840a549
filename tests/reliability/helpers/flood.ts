import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCouncil, type App, type Council } from "../../integration/helpers/processes";
import { openEventStream } from "../../integration/helpers/sse";
import type { TestBackend } from "./backends";
import { followAndWait, startStorageApp } from "./instances";
import { deliver, listStoredUris, signCouncilCreates, waitForQueueDrained } from "./signed-activities";

/**
 * An inbox flood on one backend: `count` distinct signed Creates from a followed council,
 * delivered 32 at a time over real HTTP, then 500 of them replayed. Every post must be
 * stored exactly once and announced exactly once on the SSE stream.
 */
export function describeInboxFlood(backend: TestBackend, count: number): void {
  describe(`inbox flood on ${backend.name}`, () => {
    let council: Council;
    let app: App;

    beforeAll(async () => {
      council = await startCouncil();
      // Rendering 10,000 posts ahead would keep both cores of a small machine busy for
      // minutes (under a flood it is bounded by MAX_BACKGROUND_*, tests/unit/background).
      app = await startStorageApp(backend, council);
      await followAndWait(app.url, app.token, `@council@${council.host}`);
    });

    afterAll(async () => {
      await app?.stop();
      await council?.stop();
      await backend.dispose();
    });

    const replays = Math.min(500, count);

    it(`stores ${count} signed activities exactly once, replays included`, async () => {
      const inbox = `${app.url}/ap/inbox`;
      const runId = `flood-${backend.name}-${Date.now()}`;
      const signStarted = performance.now();
      const deliveries = await signCouncilCreates(council, inbox, count, runId);
      const signMs = performance.now() - signStarted;
      const stream = await openEventStream(`${app.url}/api/events`);

      const report = await deliver(deliveries, inbox, { concurrency: 32 });
      const replay = await deliver(deliveries.slice(0, replays), inbox, { concurrency: 32 });
      const drainStarted = performance.now();
      await waitForQueueDrained(app, 15 * 60_000);
      const totalMs = report.ms + replay.ms + (performance.now() - drainStarted);
      await new Promise((resolve) => setTimeout(resolve, 500)); // the last SSE events in flight
      stream.close();

      const stored = await listStoredUris(app, runId);
      const created = stream.events.filter((event) => event.event === "announcement.created" && event.data.announcement?.uri.includes(runId));
      const health = await (await fetch(`${app.url}/api/health`)).json();
      console.log(
        `[reliability] ${backend.name} flood: signed ${count} in ${(signMs / 1000).toFixed(1)} s; delivered in ${(report.ms / 1000).toFixed(1)} s ` +
          `(${(count / (report.ms / 1000)).toFixed(0)}/s accepted, statuses ${JSON.stringify(report.statuses)}, ${report.retried} retried); ` +
          `replayed ${replays} (statuses ${JSON.stringify(replay.statuses)}); all handled after ${(totalMs / 1000).toFixed(1)} s ` +
          `(${(count / (totalMs / 1000)).toFixed(0)}/s end to end); stored ${stored.length}, unique ${new Set(stored).size}; ` +
          `SSE created events ${created.length}`,
      );
      expect(report.failed).toBe(0);
      expect(report.statuses[202]).toBe(count);
      expect(stored.length).toBe(count);
      expect(new Set(stored).size).toBe(count);
      expect(new Set(stored)).toEqual(new Set(deliveries.map((delivery) => delivery.uri)));
      expect(created.length).toBe(count);
      expect(health.status).toBe("ok");
    }, 30 * 60_000);
  });
}
