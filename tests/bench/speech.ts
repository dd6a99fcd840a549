// Benchmark: how soon a council's post can be heard, and how fast made audio is served.
// Prints figures; asserts nothing.
//
//   npx next build && npx node tests/bench/speech.ts      (BENCH_POSTS=30 by default)
//
// Real processes on 127.0.0.1: the built app and the demo council. "Arrival" is the
// moment the app's SSE stream delivers announcement.created (ingest publishes the
// event that starts speech); "ready" is when DATA_DIR/audio holds the MP3 (polled every
// 5 ms). Baselines in the same run, on the same texts: the Debian espeak-ng CLI fed
// over stdin (synthesis alone), and espeak-ng | ffmpeg (loudnorm, 44.1 kHz, MP3) as a
// system-package pipeline, when those programs are installed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { waitFor } from "../integration/helpers/processes.ts";
import { percentile, startFollowedCouncil } from "./bench-helpers.ts";
import { openEventStream } from "../integration/helpers/sse.ts";

const POSTS = Number(process.env.BENCH_POSTS ?? 30);
const CACHED_REQUESTS = 300;

const format = (values: number[]) => `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms (n=${values.length})`;

/** A ~300-character notice, different each time so nothing is cached. */
function makeText(index: number): string {
  const text = `Notice ${index}: the swimming pool on Park Lane is closed for maintenance until 14/06/2026. ` +
    `Residents can use the leisure centre on Mill Road instead, open from 7:00 to 21:30. ` +
    `Details at https://www.example.org/pools. Bring your own lock for the lockers. #PoolClosure`;
  return text.slice(0, 300);
}

function time(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

const { council, app } = await startFollowedCouncil();
try {
  const audioDir = path.join(app.dataDir, "audio");
  const stream = await openEventStream(`${app.url}/api/events`);

  // Warm the engine (WASM start ~0.3–0.4 s) so the figures are steady-state.
  const warm = await council.control("POST", "/actors/council/posts", { content: "<p>Warm up.</p>", language: "en" });
  await waitFor(async () => stream.events.find((event) => event.data.announcement?.uri === warm.id), 15_000, () => "no warm-up event");
  const warmId = stream.events.find((event) => event.data.announcement?.uri === warm.id)!.data.announcement.id;
  await waitFor(async () => existsSync(audioDir) && readdirSync(audioDir).some((name) => name.startsWith(`${warmId}.`)), 30_000, () => "warm-up audio never made");

  console.error(`measuring arrival → audio ready over ${POSTS} posts of 300 characters…`);
  const readyMs: number[] = [];
  const postToReadyMs: number[] = [];
  let lastId = warmId;
  for (let index = 0; index < POSTS; index++) {
    const posted = Date.now();
    const post = await council.control("POST", "/actors/council/posts", { content: `<p>${makeText(index)}</p>`, language: "en" });
    const event = await waitFor(async () => stream.events.find((entry) => entry.event === "announcement.created" && entry.data.announcement?.uri === post.id), 15_000, () => "no SSE event", 2);
    const id = event.data.announcement.id;
    await waitFor(async () => readdirSync(audioDir).some((name) => name.startsWith(`${id}.`) && name.endsWith(".mp3")), 30_000, () => `audio for ${id} never made`, 5);
    const ready = Date.now();
    readyMs.push(ready - event.receivedAt);
    postToReadyMs.push(ready - posted);
    lastId = id;
  }
  stream.close();

  console.error(`measuring ${CACHED_REQUESTS} cached audio requests…`);
  const url = `${app.url}/api/announcements/${lastId}/audio.mp3`;
  const first = await fetch(url);
  const etag = first.headers.get("etag")!;
  const size = (await first.arrayBuffer()).byteLength;
  const cachedMs: number[] = [];
  const notModifiedMs: number[] = [];
  const rangeMs: number[] = [];
  for (let index = 0; index < CACHED_REQUESTS; index++) {
    let started = performance.now();
    await (await fetch(url)).arrayBuffer();
    cachedMs.push(performance.now() - started);
    started = performance.now();
    await (await fetch(url, { headers: { "if-none-match": etag } })).arrayBuffer();
    notModifiedMs.push(performance.now() - started);
    started = performance.now();
    await (await fetch(url, { headers: { range: "bytes=0-65535" } })).arrayBuffer();
    rangeMs.push(performance.now() - started);
  }
  const healthMs: number[] = [];
  for (let index = 0; index < CACHED_REQUESTS; index++) {
    const started = performance.now();
    await (await fetch(`${app.url}/api/health`)).arrayBuffer();
    healthMs.push(performance.now() - started);
  }

  const baselines: string[] = [];
  const hasProgram = (name: string) => spawnSync("sh", ["-c", `command -v ${name}`]).status === 0;
  if (hasProgram("espeak-ng")) {
    const cliMs: number[] = [];
    const pipelineMs: number[] = [];
    for (let index = 0; index < Math.min(POSTS, 20); index++) {
      const text = makeText(index);
      // Text on stdin only; the arguments are fixed.
      cliMs.push(time(() => spawnSync("espeak-ng", ["-v", "en-gb", "-s", "165", "--stdin", "--stdout"], { input: text, maxBuffer: 64 << 20 })));
      if (hasProgram("ffmpeg")) {
        pipelineMs.push(time(() => {
          const wav = spawnSync("espeak-ng", ["-v", "en-gb", "-s", "165", "--stdin", "--stdout"], { input: text, maxBuffer: 64 << 20 }).stdout;
          spawnSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", "pipe:0", "-af", "loudnorm=I=-16", "-ar", "44100", "-ac", "1", "-b:a", "64k", "-f", "mp3", "pipe:1"], { input: wav, maxBuffer: 64 << 20 });
        }));
      }
    }
    baselines.push(`baseline espeak-ng CLI, synthesis only (stdin → WAV):          ${format(cliMs)}`);
    if (pipelineMs.length) baselines.push(`baseline espeak-ng CLI | ffmpeg loudnorm → 44.1 kHz MP3:       ${format(pipelineMs)}`);
  }

  console.log(`\nSpeech benchmark (${POSTS} posts of 300 characters, English voice)`);
  console.log(`arrival (SSE created event) → MP3 ready in DATA_DIR/audio:    ${format(readyMs)}   target p95 ≤ 2000 ms`);
  console.log(`council post request → MP3 ready (includes federation):       ${format(postToReadyMs)}`);
  console.log(`cached audio.mp3, full body (${size} bytes):                  ${format(cachedMs)}   target ≤ 5 ms`);
  console.log(`cached audio.mp3, 304 Not Modified:                           ${format(notModifiedMs)}`);
  console.log(`cached audio.mp3, Range 64 KiB → 206:                         ${format(rangeMs)}`);
  console.log(`baseline GET /api/health (same server, no audio):             ${format(healthMs)}`);
  for (const line of baselines) console.log(line);
} finally {
  await app.stop();
  await council.stop();
}
