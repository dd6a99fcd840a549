import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCouncil, type Council } from "../integration/helpers/processes";
import { percentile } from "../bench/bench-helpers";
import { openBackends, type TestBackend } from "./helpers/backends";
import { startDeployment, type Deployment } from "./helpers/instances";
import { measureRequestRate } from "./helpers/request-rate";
import { openSseCrowd } from "./helpers/sse-crowd";

// Bounded load on 127.0.0.1: 1,000 screens on the SSE stream must all get a new post;
// the announcements API must answer with ETags (200, then 304) under concurrent use.
// Figures are printed; the assertions are about behaviour (everyone served, nothing failed).

const SCREENS = Number(process.env.CRIER_LOAD_SCREENS ?? 1_000);
// Enough concurrent requests to show every one answered (and 304 when it may be); the
// throughput figures come from tests/bench/reader.ts, on a quiet machine.
const REQUESTS = Number(process.env.CRIER_LOAD_REQUESTS ?? 500);
const backends = await openBackends();
let council: Council;

beforeAll(async () => {
  council = await startCouncil();
});

afterAll(async () => {
  await council?.stop();
  for (const backend of backends) await backend.dispose();
});

describe.each(backends.map((backend) => [backend.name, backend] as const))("load on %s", (name: string, backend: TestBackend) => {
  let deployment: Deployment;

  beforeAll(async () => {
    // Every screen here connects from 127.0.0.1: one client, as far as the per-client
    // cap can tell (SSE_MAX_STREAMS_PER_CLIENT, 20 by default), so it is raised for this
    // test alone; the global cap stays above the crowd.
    const sseLimits = { SSE_MAX_STREAMS_PER_CLIENT: String(SCREENS), SSE_MAX_STREAMS: String(Math.max(2_000, SCREENS)) };
    // Nothing here looks at slides, audio or picture copies: none are made ahead.
    deployment = await startDeployment({ ...backend, env: { ...backend.env, ...sseLimits, PRERENDER: "none" } }, council);
  }, 240_000);

  afterAll(async () => {
    await deployment?.stop();
  });

  it(`delivers a new post to ${SCREENS} SSE screens spread over the instances`, async () => {
    const crowd = await openSseCrowd(deployment.apps.map((app) => `${app.url}/api/events`), SCREENS);
    try {
      const delays: number[][] = [];
      for (let round = 0; round < 3; round++) {
        const marker = `load-${name}-${Date.now()}-${round}`;
        const since = Date.now();
        // Watch before posting: a fast delivery must not arrive before anyone looks.
        const arrival = crowd.waitForAll(marker, since, 30_000);
        arrival.catch(() => {});
        await council.control("POST", "/actors/council/posts", { content: `<p>Load test ${marker}: the ferry is cancelled.</p>`, language: "en" });
        delays.push(await arrival);
      }
      const health = await fetch(`${deployment.apps.at(-1)!.url}/api/health`);
      for (const [round, figures] of delays.entries()) {
        console.log(`[reliability] ${name} SSE (${deployment.apps.length} instance(s)): post ${round + 1} reached all ${SCREENS} screens: p50 ${percentile(figures, 50)} ms, p95 ${percentile(figures, 95)} ms, last ${Math.max(...figures)} ms after the council was asked to post`);
      }
      expect(delays.every((figures) => figures.length === SCREENS)).toBe(true);
      expect(health.status).toBe(200);
    } finally {
      crowd.close();
    }
  }, 5 * 60_000);

  it("answers /api/announcements with ETags under load on every instance (200, then 304 for a matching If-None-Match)", async () => {
    for (const [index, app] of deployment.apps.entries()) {
      const url = `${app.url}/api/announcements?limit=20`;
      const etag = (await fetch(url)).headers.get("etag");
      expect(etag).toBeTruthy();
      const full = await measureRequestRate(url, { total: REQUESTS, concurrency: 32 });
      const conditional = await measureRequestRate(url, { total: REQUESTS, concurrency: 32, headers: { "if-none-match": etag! } });
      console.log(
        `[reliability] ${name} instance ${index + 1}: GET /api/announcements?limit=20 at 32 concurrent: ${full.perSecond.toFixed(0)} req/s (200), ` +
          `${conditional.perSecond.toFixed(0)} req/s with If-None-Match (304), ${REQUESTS} requests each`,
      );
      expect(full.statuses).toEqual({ 200: REQUESTS });
      expect(conditional.statuses).toEqual({ 304: REQUESTS });
    }
  }, 10 * 60_000);
});
