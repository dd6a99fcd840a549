// Slide rendering figures (prints, asserts nothing): npx node tests/bench/slides.ts
// Cold = full renderSlidePng (auto-fit passes + raster), as the worker does per slide.
// Cached = what the route does for a cached slide: read the file from DATA_DIR.
// Baseline = the @vercel/og way: one satori pass (no auto-fit) + resvg-js to PNG.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Resvg } from "@resvg/resvg-js";
import satori from "satori";
import { getSlideFonts, SLIDE_FONT_FAMILY } from "../../lib/render/fonts.ts";
import { loadEmojiAsset } from "../../lib/render/emoji.ts";
import { renderSlidePng } from "../../lib/render/render-slide.ts";
import { SlideLayout } from "../../lib/render/slide-layout.ts";
import { SLIDE_THEMES } from "../../lib/render/slide-themes.ts";
import { SLIDE_FIXTURES } from "../unit/render/slide-fixtures.ts";

const RUNS = Number(process.env.RUNS ?? 5);
const options = { width: 1920, height: 1080, variant: "color", theme: "dark" } as const;
const content = SLIDE_FIXTURES.find((fixture) => fixture.id === "english")!;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
let peakRss = 0;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const timer = setInterval(sample, 20);

const first = performance.now();
await renderSlidePng(content, options);
console.log(`first slide (fonts parsed)      ${(performance.now() - first).toFixed(0)} ms`);

const cold: number[] = [];
let png: Buffer = Buffer.alloc(0);
for (let i = 0; i < RUNS; i++) {
  // A fresh text each run so nothing inside satori is reused beyond the fonts.
  const started = performance.now();
  png = (await renderSlidePng({ ...content, text: `${content.text} (${i})` }, options)).png;
  cold.push(performance.now() - started);
}

const dir = mkdtempSync(path.join(tmpdir(), "crier-bench-"));
const file = path.join(dir, "slide.png");
writeFileSync(file, png);
const cached: number[] = [];
for (let i = 0; i < 200; i++) {
  const started = performance.now();
  readFileSync(file);
  cached.push(performance.now() - started);
}

const fonts = getSlideFonts(content.text);
const baseline: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  const svg = await satori(SlideLayout({
    width: 1920, height: 1080, theme: SLIDE_THEMES.dark, fontFamily: SLIDE_FONT_FAMILY, accountName: content.accountName, isOfficial: true, sharedBy: null,
    date: "20 November 2026", summary: null, isEmergency: false, text: `${content.text} (${i})`, bodyFontSize: 110, isRightToLeft: false, image: null, continuation: null,
  }), { width: 1920, height: 1080, fonts, loadAdditionalAsset: async (code, segment) => (code === "emoji" ? loadEmojiAsset(segment) : []) });
  new Resvg(svg).render().asPng();
  baseline.push(performance.now() - started);
}
sample();
clearInterval(timer);

const coldMedian = median(cold);
console.log(`cold 1920×1080 (auto-fit+sharp) ${coldMedian.toFixed(1)} ms median of ${RUNS}  → ${(1000 / coldMedian).toFixed(1)} slides/s on one core`);
console.log(`cached (read from DATA_DIR)     ${median(cached).toFixed(3)} ms median of 200`);
console.log(`baseline satori+resvg (1 pass)  ${median(baseline).toFixed(1)} ms median of ${RUNS}  (ours/baseline ${(coldMedian / median(baseline)).toFixed(2)}×)`);
console.log(`peak RSS                        ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
