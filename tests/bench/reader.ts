// Benchmark: what `/` costs a reader with 20 announcements (5 with pictures), and how
// fast the server answers it under load. Prints figures; asserts nothing.
//
//   npm run build && npx node tests/bench/reader.ts
//
// Bytes are as transferred (gzip, as `next start` sends them): the HTML, the CSS
// it links, and the JavaScript it loads (which nobody needs to read the page); then
// what a 390-pixel phone (Chromium, device pixel ratio 3) downloads for the whole
// page scrolled through, pictures included, beside the pictures' originals (what the
// page linked before pictures came from Crier's origin).
// Load: 50 clients at once, each asking again as soon as answered, for a few seconds,
// on `/` and on `/api/announcements?limit=20` in the same run: pages/s, p50, p95.
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { launchChromium } from "../e2e/helpers/browser.ts";
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

const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENT = 50;
const PICTURES = ["harbour-wide.jpg", "road-closed.png"];
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENT });

function getCompressed(url: string): Promise<{ bytes: number; body: string; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http.get(url, { agent, headers: { "accept-encoding": "gzip" } }, (response) => {
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
    // Every fourth has a picture: 5 of 20.
    const attachments = i % 4 === 0 ? [{ file: PICTURES[(i / 4) % PICTURES.length]!, alt: `Picture ${i + 1}: the place the notice is about.` }] : undefined;
    await council.control("POST", "/actors/council/posts", { content: `<p>${first}</p><p>${second} (${i + 1})</p>`, language: "en", attachments });
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

  await measurePhone(app.url);

  // Load, with the JSON of the same 20 announcements (served from its event-invalidated cache) in the same run.
  const load = async (pathname: string) => {
    for (let i = 0; i < 10; i++) await getCompressed(`${app.url}${pathname}`); // warm up
    const times: number[] = [];
    const until = performance.now() + LOAD_SECONDS * 1000;
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENT }, async () => {
      while (performance.now() < until) times.push((await getCompressed(`${app.url}${pathname}`)).ms);
    }));
    const seconds = (performance.now() - started) / 1000;
    return { perSecond: times.length / seconds, p50: percentile(times, 50), p95: percentile(times, 95), count: times.length };
  };
  const json = await load("/api/announcements?limit=20");
  const home = await load("/");
  for (const [name, figures] of [["/api/announcements?limit=20", json], ["/", home]] as const) {
    console.log(`GET ${name} at ${CONCURRENT} concurrent for ${LOAD_SECONDS} s: ${figures.perSecond.toFixed(0)} answers/s (${figures.count}), p50 ${figures.p50.toFixed(1)} ms, p95 ${figures.p95.toFixed(1)} ms`);
  }
  console.log(`  / answers ${(home.perSecond / json.perSecond).toFixed(2)}× as many per second as the JSON`);
} finally {
  agent.destroy();
  await app.stop();
  await council.stop();
}

/** What a 390-pixel phone downloads for `/`, scrolled to the end so every lazy picture loads, beside the originals. */
async function measurePhone(origin: string): Promise<void> {
  const browser = await launchChromium();
  try {
    // No service worker: its own fetches would not be counted here (the page's would show 0 bytes).
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true, serviceWorkers: "block" });
    const page = await context.newPage();
    const session = await context.newCDPSession(page);
    await session.send("Network.enable");
    const sizes = new Map<string, number>();
    const urls = new Map<string, string>();
    const failed: string[] = [];
    session.on("Network.responseReceived", (event) => {
      urls.set(event.requestId, event.response.url);
      if (event.response.status !== 200) failed.push(`${event.response.status} ${event.response.url}`);
    });
    session.on("Network.loadingFinished", (event) => sizes.set(event.requestId, event.encodedDataLength));
    await page.goto(`${origin}/`, { waitUntil: "networkidle" });
    for (let y = 0; y < 40; y++) {
      await page.mouse.wheel(0, 800);
      await page.waitForTimeout(50);
    }
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(500);
    const byKind = { html: 0, css: 0, js: 0, pictures: 0, other: 0 };
    let pictureCount = 0;
    for (const [id, bytes] of sizes) {
      const url = urls.get(id) ?? "";
      const kind = url.includes("/media/") ? "pictures" : url.endsWith(".css") ? "css" : url.endsWith(".js") ? "js" : new URL(url, origin).pathname === "/" ? "html" : "other";
      if (kind === "pictures") pictureCount++;
      byKind[kind] += bytes;
    }
    const total = Object.values(byKind).reduce((sum, bytes) => sum + bytes, 0);
    const originals = [0, 4, 8, 12, 16].reduce((sum, i) => sum + readFileSync(path.join(import.meta.dirname, "../council/media", PICTURES[(i / 4) % PICTURES.length]!)).byteLength, 0);
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    console.log(`A 390-px phone (DPR 3) downloads for / scrolled through: ${kb(total)} (HTML ${kb(byKind.html)}, CSS ${kb(byKind.css)}, JS ${kb(byKind.js)}, ${pictureCount} pictures ${kb(byKind.pictures)}, other ${kb(byKind.other)})`);
    if (failed.length > 0) console.log(`  not 200: ${failed.join(", ")}`);
    console.log(`  before (the council's originals linked): the same page with ${kb(originals)} of pictures instead, ${kb(total - byKind.pictures + originals)} in all`);
  } finally {
    await browser.close();
  }
}
