// Benchmark: how fast a post reaches a kiosk screen, and how many screens one app
// process keeps live. Prints figures; asserts nothing.
//
//   npm run build && npx node tests/bench/signage.ts
//
// 1. Post → on screen: the demo council posts (real ActivityPub delivery, signature
//    check, ingest, SSE) and real Chromium shows /signage/default; the time until the
//    text is on the slide, over BENCH_POSTS posts (40). Baseline in the same run: the
//    same posts seen by a plain SSE client in this process (what the page adds).
// 2. Concurrent screens: SSE connections to /api/events from this process over
//    127.0.0.1, in steps up to BENCH_MAX_SCREENS (1,500); at each step one post, and
//    the time until every connection has it (and the median), plus /api/health's
//    answer time under that load. The first step (1 connection) is the baseline.
// What a screen's poll of feed.json costs (store reads per poll, requests per second)
// is measured by tests/bench/signage-polls.ts.
import http from "node:http";
import { launchChromium } from "../e2e/helpers/browser.ts";
import { waitFor } from "../integration/helpers/processes.ts";
import { percentile, startFollowedCouncil } from "./bench-helpers.ts";

const POSTS = Number(process.env.BENCH_POSTS ?? 40);
const MAX_SCREENS = Math.min(2000, Number(process.env.BENCH_MAX_SCREENS ?? 1500));
const STEPS = [1, 250, 500, 1000, 1500, 2000].filter((step) => step <= MAX_SCREENS);

/** One SSE connection that notes when each marker first arrives. */
function openScreen(url: string): Promise<{ seen: Map<string, number>; close: () => void }> {
  return new Promise((resolve, reject) => {
    const seen = new Map<string, number>();
    const request = http.get(`${url}/api/events`, { agent: false, headers: { accept: "text/event-stream" } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`SSE answered ${response.statusCode}`));
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        for (const match of chunk.matchAll(/Marker (\w+)/g)) if (!seen.has(match[1]!)) seen.set(match[1]!, performance.now());
      });
      resolve({ seen, close: () => request.destroy() });
    });
    request.on("error", reject);
    request.setTimeout(120_000, () => request.destroy());
  });
}

// Every screen connects from 127.0.0.1, one client to the per-client cap: raise both caps past the steps.
const { council, app } = await startFollowedCouncil({ SSE_MAX_STREAMS: "5000", SSE_MAX_STREAMS_PER_CLIENT: "5000" });
const browser = await launchChromium();
const screens: { seen: Map<string, number>; close: () => void }[] = [];
const ms = (value: number) => `${value.toFixed(0)} ms`;
try {
  await council.control("POST", "/actors/council/posts", { content: "<p>Welcome to the town hall.</p>", language: "en" });
  await waitFor(async () => (await (await fetch(`${app.url}/api/announcements`)).json()).items.length > 0, 20_000, () => "first post missing");

  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await context.newPage();
  await page.goto(`${app.url}/signage/default?kiosk=1&device=bench`);
  await page.waitForSelector("[data-slide-id]");
  const baseline = await openScreen(app.url);
  const onScreen: number[] = [];
  const overSse: number[] = [];
  for (let index = 0; index < POSTS; index++) {
    const marker = `p${index}x${Date.now().toString(36)}`;
    const started = performance.now();
    const startedWall = Date.now();
    await council.control("POST", "/actors/council/posts", { content: `<p>Marker ${marker}: the library opens late today.</p>`, language: "en" });
    await page.waitForFunction((text) => document.querySelector("[data-slide-id]")?.textContent?.includes(text) ?? false, marker, { polling: "raf", timeout: 15_000 });
    onScreen.push(Date.now() - startedWall);
    await waitFor(async () => baseline.seen.has(marker), 5_000, () => "SSE baseline missed a post", 5);
    overSse.push(baseline.seen.get(marker)! - started);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  baseline.close();
  await context.close();
  console.log(`post → on screen in Chromium (${POSTS} posts): p50 ${ms(percentile(onScreen, 50))}, p95 ${ms(percentile(onScreen, 95))}, max ${ms(Math.max(...onScreen))}`);
  console.log(`  baseline, post → SSE event in a plain client: p50 ${ms(percentile(overSse, 50))}, p95 ${ms(percentile(overSse, 95))}`);

  console.log("concurrent SSE screens on one app process (127.0.0.1):");
  for (const step of STEPS) {
    while (screens.length < step) {
      const batch = Math.min(50, step - screens.length);
      screens.push(...(await Promise.all(Array.from({ length: batch }, () => openScreen(app.url)))));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const marker = `s${step}x${Date.now().toString(36)}`;
    const started = performance.now();
    await council.control("POST", "/actors/council/posts", { content: `<p>Marker ${marker}: all screens.</p>`, language: "en" });
    const reached = await waitFor(async () => screens.every((screen) => screen.seen.has(marker)) && true, 30_000, () => `not every screen got ${marker}`, 5).catch(() => false);
    const times = screens.map((screen) => (screen.seen.get(marker) ?? Number.POSITIVE_INFINITY) - started);
    const healthStarted = performance.now();
    await fetch(`${app.url}/api/health`);
    const health = performance.now() - healthStarted;
    const all = Math.max(...times);
    console.log(`  ${String(step).padStart(5)} screens: all reached ${reached ? `in ${ms(all)}` : "NOT within 30 s"} (median ${ms(percentile(times, 50))}); /api/health ${ms(health)}${reached && all < 1000 ? "" : "  ← over 1 s"}`);
  }
  const rss = await fetch(`${app.url}/api/health`).then((response) => response.ok);
  console.log(`  app still healthy after the steps: ${rss}`);
} finally {
  for (const screen of screens) screen.close();
  await browser.close();
  await app.stop();
  await council.stop();
}
