// Cached slide.png over HTTP (prints, asserts nothing): npx node tests/bench/slides-http.ts
// after `npm run build`. Real processes on 127.0.0.1: the built app and the demo council.
// Baseline in the same run: GET /api/health on the same server.
import { waitFor } from "../integration/helpers/processes.ts";
import { percentile, startFollowedCouncil } from "./bench-helpers.ts";

const REQUESTS = 300;

async function time(url: string, headers: Record<string, string> = {}): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  return times;
}

async function timeOnce(url: string): Promise<number[]> {
  const started = performance.now();
  await (await fetch(url)).arrayBuffer();
  return [performance.now() - started];
}

const { council, app } = await startFollowedCouncil();
try {
  const post = await council.control("POST", "/actors/council/posts", { content: "<p>The swimming pool on Park Lane is closed for maintenance until Friday.</p>", language: "en" });
  const item = await waitFor(async () => (await (await fetch(`${app.url}/api/announcements`)).json()).items.find((entry: { uri: string }) => entry.uri === post.id), 15_000, () => "no announcement");
  const url = `${app.url}/api/announcements/${item.id}/slide.png?width=1920&height=1080`;
  const first = await fetch(url);
  const etag = first.headers.get("etag")!;
  const bytes = (await first.arrayBuffer()).byteLength;
  // Let the background pre-renders and speech finish, so they do not share the CPU with the measurement.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  const full = await time(url);
  const notModified = await time(url, { "if-none-match": etag });
  const health = await time(`${app.url}/api/health`);
  const line = (label: string, values: number[]) =>
    console.log(`${label.padEnd(44)} p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms (n=${values.length})`);
  console.log(`\nCached slide.png over HTTP (1920×1080, ${bytes} bytes)`);
  line("cached slide.png, full body", full);
  line("cached slide.png, 304 Not Modified", notModified);
  line("baseline GET /api/health (same server)", health);

  // 40 distinct sizes at once (snapped, queue bounded): what a polling screen sees meanwhile.
  const burst = Promise.all(Array.from({ length: 40 }, (_, i) => fetch(`${url.split("?")[0]}?width=${3000 - i * 37}&height=${1700 - i * 19}&theme=light`).then(async (response) => (await response.arrayBuffer(), response.status))));
  let isOver = false;
  void burst.finally(() => (isOver = true));
  const during: number[] = [];
  while (!isOver) during.push(...(await timeOnce(url)));
  const statuses = await burst;
  console.log(`burst of 40 sizes: ${statuses.filter((status) => status === 200).length} drawn, ${statuses.filter((status) => status === 503).length} refused (503)`);
  line("cached slide.png during the burst", during);
} finally {
  await app.stop();
  await council.stop();
}
