// Benchmark: what `/` costs a reader with 20 announcements, and how fast the server
// renders it under load. Prints figures; asserts nothing.
//
//   npm run build && npx node tests/bench/reader.ts
//
// Bytes are as transferred (gzip, as `next start` sends them): the HTML, the CSS
// it links, and the JavaScript it loads (which nobody needs to read the page).
// Server time: 50 concurrent GET / in several rounds; median and p95 per request.
import http from "node:http";
import { waitFor } from "../integration/helpers/processes.ts";
import { percentile, startFollowedCouncil } from "./bench-helpers.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const CONCURRENT = 50;

function getCompressed(url: string): Promise<{ bytes: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { "accept-encoding": "gzip" } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", async () => {
        const raw = Buffer.concat(chunks);
        const { gunzipSync } = await import("node:zlib");
        const body = response.headers["content-encoding"] === "gzip" ? gunzipSync(raw).toString() : raw.toString();
        resolve({ bytes: raw.length, body, ms: performance.now() - started });
      });
    }).on("error", reject);
  });
}

const { council, app, handle } = await startFollowedCouncil();
try {
  for (let i = 0; i < 20; i++) {
    await council.control("POST", "/actors/council/posts", {
      content: `<p>Notice ${i + 1}: Station Road is closed between the roundabout and Mill Lane until 6 pm while we repair a burst water main. Please use the diversion via Park Avenue. #RoadClosure</p>`,
      language: "en",
    });
  }
  await waitFor(async () => (await (await fetch(`${app.url}/api/announcements?limit=100`)).json()).items.length >= 20, 20_000, () => "posts missing");

  // The 20 posts set the slide and speech workers going; measure the page, not them.
  await waitFor(async () => {
    const { renderers } = await (await fetch(`${app.url}/api/health`)).json();
    return renderers.slidesQueued === 0 && renderers.speechQueued === 0;
  }, 120_000, () => "the renderers did not finish", 500);
  const page = await getCompressed(`${app.url}/`);
  const css = [...page.body.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((match) => match[1]!);
  const scripts = [...new Set([...page.body.matchAll(/<script src="([^"]+)"/g)].map((match) => match[1]!))];
  const cssBytes = (await Promise.all(css.map((href) => getCompressed(new URL(href, app.url).href)))).reduce((sum, file) => sum + file.bytes, 0);
  const jsBytes = (await Promise.all(scripts.map((src) => getCompressed(new URL(src, app.url).href)))).reduce((sum, file) => sum + file.bytes, 0);
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`/ with 20 announcements (gzip): HTML ${kb(page.bytes)} (${kb(page.body.length)} uncompressed), CSS ${kb(cssBytes)} in ${css.length} file(s), JS ${kb(jsBytes)} in ${scripts.length} file(s)`);
  console.log(`  to read (HTML + CSS, JavaScript off): ${kb(page.bytes + cssBytes)}; everything a JS browser loads: ${kb(page.bytes + cssBytes + jsBytes)}`);

  for (let i = 0; i < 10; i++) await getCompressed(`${app.url}/`); // warm up
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const results = await Promise.all(Array.from({ length: CONCURRENT }, () => getCompressed(`${app.url}/`)));
    times.push(...results.map((result) => result.ms));
  }
  console.log(`GET / at ${CONCURRENT} concurrent, ${times.length} requests: median ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms`);
} finally {
  await app.stop();
  await council.stop();
}
