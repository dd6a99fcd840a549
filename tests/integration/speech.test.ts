import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// Real processes: the demo council posts, Crier receives, speaks in the background,
// serves the MP3 with ETag and ranges, lists it in the podcast feed, and removes it on delete.

let council: Council;
let app: App;
const MARKER = path.join(tmpdir(), `crier-speech-marker-${process.pid}`);

async function postAndWait(body: Record<string, unknown>): Promise<any> {
  const post = await council.control("POST", "/actors/council/posts", body);
  return waitFor(async () => {
    const { items } = await (await fetch(`${app.url}/api/announcements?limit=100`)).json();
    return items.find((item: any) => item.uri === post.id);
  }, 15_000, () => `post never arrived\n${app.output().slice(-3000)}`);
}

const audioFiles = (id: string) => readdirSync(path.join(app.dataDir, "audio")).filter((name) => name.startsWith(`${id}.`));

beforeAll(async () => {
  rmSync(MARKER, { force: true });
  council = await startCouncil();
  app = await startApp({ certPath: council.certPath });
  await app.api("POST", "/api/admin/subscriptions", { handle: `@council@${council.host}` });
  await waitFor(async () => (await (await app.api("GET", "/api/admin/subscriptions")).json()).items[0]?.state === "accepted", 15_000, () => "not accepted");
});

afterAll(async () => {
  await app?.stop();
  await council?.stop();
});

describe("spoken announcements over real processes", () => {
  it("speaks a new post in the background, serves it with ETag and ranges, lists it in the podcast, and removes it on delete", async () => {
    const announcement = await postAndWait({
      content: "<p>Bin collection moves to Saturday 14/06/2026 at 7:30. Details at https://www.example.org/bins #BinDay</p>",
      language: "en",
      attachments: [{ file: "road-closed.png", alt: "A red road-closed sign on a wooden barrier." }],
    });
    // Made on the created event, before anyone asks for it.
    await waitFor(async () => existsSync(path.join(app.dataDir, "audio")) && audioFiles(announcement.id).length === 1, 15_000, () => `no audio file\n${app.output().slice(-3000)}`);
    const url = `${app.url}/api/announcements/${announcement.id}/audio.mp3`;
    const full = await fetch(url);
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("audio/mpeg");
    expect(full.headers.get("accept-ranges")).toBe("bytes");
    const bytes = new Uint8Array(await full.arrayBuffer());
    expect(bytes.length).toBeGreaterThan(10_000);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "crier-speech-")), "a.mp3");
    writeFileSync(file, bytes);
    const probe = JSON.parse(execFileSync("ffprobe", ["-v", "error", "-show_streams", "-show_format", "-of", "json", file], { encoding: "utf8" }));
    expect(probe.streams[0]).toMatchObject({ codec_name: "mp3", sample_rate: "44100" });
    expect(Number(probe.format.duration)).toBeGreaterThan(5);

    const etag = full.headers.get("etag")!;
    expect((await fetch(url, { headers: { "if-none-match": etag } })).status).toBe(304);
    const part = await fetch(url, { headers: { range: "bytes=100-299" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-299/${bytes.length}`);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.subarray(100, 300));
    const tail = await fetch(url, { headers: { range: "bytes=-50" } });
    expect(tail.status).toBe(206);
    expect((await tail.arrayBuffer()).byteLength).toBe(50);
    expect((await fetch(url, { headers: { range: `bytes=${bytes.length + 10}-` } })).status).toBe(416);

    const podcast = await fetch(`${app.url}/podcast.xml`);
    const feed = await podcast.text();
    // A podcast app polling an unchanged feed gets 304 and no body.
    const unchanged = await fetch(`${app.url}/podcast.xml`, { headers: { "if-none-match": podcast.headers.get("etag")! } });
    expect(unchanged.status).toBe(304);
    expect(feed).toContain(`<enclosure url="${url}" length="${bytes.length}" type="audio/mpeg"/>`);
    expect(feed).toContain('xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"');
    expect(feed).toMatch(/<itunes:image href="[^"]+\/podcast-artwork\.png"\/>/);
    const artwork = new Uint8Array(await (await fetch(`${app.url}/podcast-artwork.png`)).arrayBuffer());
    const view = new DataView(artwork.buffer);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([1400, 1400]);

    const listen = await (await fetch(`${app.url}/listen?id=${announcement.id}`)).text();
    expect(listen).toContain("Transcript");
    expect(listen).toContain("A red road-closed sign on a wooden barrier.");

    await council.control("PATCH", `/posts/${encodeURIComponent(announcement.uri)}`, { content: "<p>Bin collection moves to Friday.</p>" });
    await waitFor(async () => {
      const files = audioFiles(announcement.id);
      return files.length === 1 && `"${files[0]!.split(".")[1]}"` !== etag;
    }, 15_000, () => "the edit did not replace the audio");
    const edited = await fetch(url);
    expect(edited.headers.get("etag")).not.toBe(etag);

    await council.control("DELETE", `/posts/${encodeURIComponent(announcement.uri)}`);
    await waitFor(async () => (await fetch(url)).status === 404, 15_000, () => "audio still served after delete");
    await waitFor(async () => audioFiles(announcement.id).length === 0, 5_000, () => "the cached file is still there");
    expect(await (await fetch(`${app.url}/podcast.xml`)).text()).not.toContain(announcement.id);
  });

  it("speaks posts built to inject commands or markup, and nothing runs", async () => {
    const announcement = await postAndWait({
      content: `") (system "touch ${MARKER}") (SayText " $(touch ${MARKER}) \`touch ${MARKER}\` ; rm -rf / --help -v <speak><audio src="x"/></speak> &amp;`,
      language: "en",
    });
    const response = await fetch(`${app.url}/api/announcements/${announcement.id}/audio.mp3`);
    expect(response.status).toBe(200);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect(existsSync(MARKER)).toBe(false);
  });

  it("leaves Japanese with kanji to the device's voice: no MP3, and /listen says so", async () => {
    const announcement = await postAndWait({ content: "<p>図書館は月曜日に再開します。</p>", language: "ja" });
    expect((await fetch(`${app.url}/api/announcements/${announcement.id}/audio.mp3`)).status).toBe(404);
    const page = await (await fetch(`${app.url}/listen?id=${announcement.id}`)).text();
    expect(page).toContain("your device");
  });

  it("answers 404 for an unknown announcement", async () => {
    expect((await fetch(`${app.url}/api/announcements/nope/audio.mp3`)).status).toBe(404);
  });
});
