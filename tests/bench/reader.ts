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

const NOTICES = [
  "Station Road is closed between the roundabout and Mill Lane until 6 pm while we repair a burst water main. Please use the diversion via Park Avenue. #RoadClosure",
  "Bin collections move one day later this week because of the bank holiday: Monday's round is on Tuesday, and so on.",
  "The library on Church Street opens at 10 am on Thursday for staff training. The book drop stays open.",
  "Free flu vaccinations for over-65s at the community centre on Saturday from 9 am to 1 pm; no appointment needed.",
  "A yellow weather warning for ice is in force overnight. Gritters are out on the main routes; take care on footpaths.",
  "Consultation: tell us what you think of the new bus lane on Harbour Street before 30 November at the town hall or online.",
  "The swimming pool is closed for repairs until further notice. Season tickets will be extended by the time lost.",
  "Council tax bills for next year are being posted this week. You can pay by direct debit, at the post office or by phone.",
  "Polling cards for the by-election have been sent out. If yours has not arrived by Friday, call the elections office.",
  "The recycling centre on Quarry Lane now takes small electrical items and batteries, every day except Wednesday.",
];

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
  // Twenty different notices (distinct sentences compress less well than one repeated).
  for (let i = 0; i < 20; i++) {
    const first = NOTICES[i % NOTICES.length]!;
    const second = NOTICES[(i * 3 + 1) % NOTICES.length]!;
    await council.control("POST", "/actors/council/posts", { content: `<p>${first}</p><p>${second} (${i + 1})</p>`, language: "en" });
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
  const extras = [...page.body.matchAll(/<link rel="(?:icon|manifest)" href="([^"]+)"/g)].map((match) => match[1]!);
  const extraBytes = (await Promise.all(extras.map((href) => getCompressed(new URL(href, app.url).href)))).reduce((sum, file) => sum + file.bytes, 0);
  const articles = page.body.match(/<article[\s>]/g)?.length ?? 0;
  console.log(`  announcements on the page: ${articles}; requests: 1 HTML + ${css.length} CSS + ${scripts.length} JS (+ ${extras.length} icon/manifest, ${kb(extraBytes)})`);
  console.log(`  to read (HTML + CSS, JavaScript off): ${kb(page.bytes + cssBytes)}; everything a JS browser loads: ${kb(page.bytes + cssBytes + jsBytes)} (${kb(page.bytes + cssBytes + jsBytes + extraBytes)} with icon and manifest)`);

  // Server time, with two baselines in the same run: the health check (no rendering)
  // and the same 20 announcements as JSON (the store read without the HTML).
  const timeAt = async (path: string) => {
    for (let i = 0; i < 10; i++) await getCompressed(`${app.url}${path}`); // warm up
    const times: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const results = await Promise.all(Array.from({ length: CONCURRENT }, () => getCompressed(`${app.url}${path}`)));
      times.push(...results.map((result) => result.ms));
    }
    return { median: percentile(times, 50), p95: percentile(times, 95), count: times.length };
  };
  const health = await timeAt("/api/health");
  const json = await timeAt("/api/announcements?limit=20");
  const home = await timeAt("/");
  for (const [name, figures] of [["/api/health (baseline)", health], ["/api/announcements?limit=20 (baseline)", json], ["/", home]] as const) {
    console.log(`GET ${name} at ${CONCURRENT} concurrent, ${figures.count} requests: median ${figures.median.toFixed(0)} ms, p95 ${figures.p95.toFixed(0)} ms`);
  }
  console.log(`  ratio of / to the JSON baseline: median ${(home.median / json.median).toFixed(2)}; to health: ${(home.median / health.median).toFixed(2)}`);
} finally {
  await app.stop();
  await council.stop();
}
