import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// Speech is bounded work too: DATA_DIR/audio stays within AUDIO_CACHE_BYTES (least
// recently used out, made again when asked for), and posts built to make text
// processing slow (a 15,000-character link) leave /podcast.xml and /listen answering.
// Real processes: the demo council posts, the built app speaks in its worker thread.

const AUDIO_BUDGET = 200 * 1024;

let council: Council;
let app: App;

async function postAndWait(content: string): Promise<any> {
  const post = await council.control("POST", "/actors/council/posts", { content, language: "en" });
  return waitFor(async () => {
    const { items } = await (await fetch(`${app.url}/api/announcements?limit=100`)).json();
    return items.find((item: any) => item.uri === post.id);
  }, 15_000, () => `post never arrived\n${app.output().slice(-3000)}`);
}

function listAudio(): { name: string; size: number }[] {
  const dir = path.join(app.dataDir, "audio");
  return readdirSync(dir).filter((name) => name.endsWith(".mp3")).map((name) => ({ name, size: statSync(path.join(dir, name)).size }));
}

const hasAudio = (id: string) => listAudio().some(({ name }) => name.startsWith(`${id}.`));

async function timed(url: string): Promise<{ status: number; ms: number; text: string }> {
  const started = performance.now();
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  const text = await response.text();
  return { status: response.status, ms: performance.now() - started, text };
}

beforeAll(async () => {
  council = await startCouncil();
  app = await startApp({ certPath: council.certPath, env: { AUDIO_CACHE_BYTES: String(AUDIO_BUDGET) } });
  await app.api("POST", "/api/admin/subscriptions", { handle: `@council@${council.host}` });
  await waitFor(async () => (await (await app.api("GET", "/api/admin/subscriptions")).json()).items[0]?.state === "accepted", 15_000, () => "not accepted");
});

afterAll(async () => {
  await app?.stop();
  await council?.stop();
});

describe("speech under hostile input", () => {
  it("keeps DATA_DIR/audio within AUDIO_CACHE_BYTES: the oldest audio goes, the newest stays, and evicted audio is made again on request", async () => {
    const spoken: string[] = [];
    for (const topic of ["Bin collection moves to Saturday this week.", "The library opens late on Thursday.", "Swimming pool closed for repairs until Monday.", "Road works on Station Road from 9 am."]) {
      const announcement = await postAndWait(`<p>${topic} Thank you for your patience while the work is done.</p>`);
      await waitFor(async () => hasAudio(announcement.id), 30_000, () => `no audio for ${announcement.id}\n${app.output().slice(-2000)}`);
      spoken.push(announcement.id);
    }
    const files = listAudio();
    const total = files.reduce((sum, { size }) => sum + size, 0);
    console.log(`audio cache: ${files.length} files, ${total} bytes of ${AUDIO_BUDGET}`);
    expect(total).toBeLessThanOrEqual(AUDIO_BUDGET);
    expect(hasAudio(spoken.at(-1)!)).toBe(true);
    expect(hasAudio(spoken[0]!)).toBe(false);

    const again = await fetch(`${app.url}/api/announcements/${spoken[0]}/audio.mp3`);
    expect(again.status).toBe(200);
    expect((await again.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect(listAudio().reduce((sum, { size }) => sum + size, 0)).toBeLessThanOrEqual(AUDIO_BUDGET);
  });

  it("answers /podcast.xml and /listen within 3 s with posts carrying 15,000-character links", async () => {
    // A run of dots inside a link is what made the old link trimming quadratic.
    const link = `https://www.example.org/a${".".repeat(15_000)}b`;
    // Pages answered once before: what is timed below is the hostile text, not a page's first load.
    for (const page of ["/podcast.xml", "/listen"]) expect((await timed(`${app.url}${page}`)).status).toBe(200);
    expect(link.length).toBeGreaterThan(15_000);
    const posts = [];
    for (let i = 0; i < 5; i++) posts.push(await postAndWait(`<p>Notice ${i}: read the plan at ${link} before the meeting.</p>`));
    for (const announcement of posts) expect(announcement.text).toContain(link);

    for (let round = 0; round < 3; round++) {
      const podcast = await timed(`${app.url}/podcast.xml`);
      const listen = await timed(`${app.url}/listen`);
      console.log(`round ${round}: /podcast.xml ${Math.round(podcast.ms)} ms, /listen ${Math.round(listen.ms)} ms`);
      expect(podcast.status).toBe(200);
      expect(podcast.ms).toBeLessThan(3_000);
      expect(listen.status).toBe(200);
      expect(listen.ms).toBeLessThan(3_000);
      expect(listen.text).toContain("Notice 4");
    }
  });
});
