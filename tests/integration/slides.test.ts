import { existsSync, readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFreePort, startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// Real processes: the demo council posts, the built app ingests and renders slides
// in its worker thread. A hostile picture server runs in this test process.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let council: Council;
let app: App;
let hostile: Server;
let hostileOrigin: string;
const hostileStats = { hugeBytesSent: 0, hugeRequests: 0, hugeClosed: false, slowRequests: 0 };

function startHostileServer(port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.url?.startsWith("/huge")) {
      // Claims nothing about its size and never ends: the app must stop reading.
      hostileStats.hugeRequests++;
      response.writeHead(200, { "content-type": "image/png" });
      const chunk = Buffer.alloc(64 * 1024, 7);
      const pump = () => {
        while (!response.destroyed && hostileStats.hugeBytesSent < 200 * 1024 * 1024) {
          hostileStats.hugeBytesSent += chunk.length;
          if (!response.write(chunk)) return void response.once("drain", pump);
        }
      };
      response.on("close", () => (hostileStats.hugeClosed = true));
      pump();
    } else if (request.url?.startsWith("/slow")) {
      hostileStats.slowRequests++;
      response.writeHead(200, { "content-type": "image/png" });
      response.write(PNG_SIGNATURE); // then nothing, for a minute
      setTimeout(() => response.end(), 60_000).unref();
    } else {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

async function post(content: string, extra: Record<string, unknown> = {}) {
  const created = await council.control("POST", "/actors/council/posts", { content: `<p>${content}</p>`, language: "en", ...extra });
  return waitFor(async () => {
    const { items } = await (await fetch(`${app.url}/api/announcements?limit=100`)).json();
    return items.find((item: any) => item.uri === created.id);
  }, 15_000, () => `post never arrived\n${app.output().slice(-3000)}`).then((announcement) => ({ created, announcement }));
}

beforeAll(async () => {
  const port = await getFreePort();
  hostile = await startHostileServer(port);
  // By name: ingest drops pictures on loopback addresses other than the author's own host (localhost).
  hostileOrigin = `http://localhost:${port}`;
  council = await startCouncil();
  app = await startApp({ certPath: council.certPath });
  expect((await app.api("POST", "/api/admin/subscriptions", { handle: `@council@${council.host}` })).status).toBeLessThan(300);
  await waitFor(async () => {
    const { items } = await (await app.api("GET", "/api/admin/subscriptions")).json();
    return items.find((item: any) => item.state === "accepted");
  }, 20_000, () => `follow never accepted\n${app.output().slice(-3000)}`);
});

afterAll(async () => {
  await app?.stop();
  await council?.stop();
  hostile?.closeAllConnections();
  hostile?.close();
});

describe("slide images", () => {
  it("renders a posted announcement as a PNG of the asked size, with ETag/304, cached in DATA_DIR, and removes it on delete", async () => {
    const { created, announcement } = await post("Queen Street is closed on Monday for resurfacing. Use the detour via Station Road.", {
      attachments: [{ file: "road-closed.png", alt: "A red road-closed sign on a barrier." }],
    });
    const slideUrl = `${app.url}/api/announcements/${announcement.id}/slide.png`;
    const started = performance.now();
    const response = await fetch(slideUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    const png = Buffer.from(await response.arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(await sharp(png).metadata()).toMatchObject({ width: 1920, height: 1080 });
    const etag = response.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    console.log(`first slide.png ${Math.round(performance.now() - started)} ms`);

    const again = await fetch(slideUrl, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);

    const epaper = await fetch(`${slideUrl}?width=800&height=480&variant=epaper`);
    expect(epaper.status).toBe(200);
    const epaperMeta = await sharp(Buffer.from(await epaper.arrayBuffer())).metadata();
    expect(epaperMeta).toMatchObject({ width: 800, height: 480 });
    const portrait = await fetch(`${slideUrl}?width=1080&height=1920&theme=light`);
    expect(await sharp(Buffer.from(await portrait.arrayBuffer())).metadata()).toMatchObject({ width: 1080, height: 1920 });

    const cacheDir = path.join(app.dataDir, "slides", announcement.id);
    expect(readdirSync(cacheDir).filter((file) => file.endsWith(".png")).length).toBeGreaterThanOrEqual(3);

    await council.control("DELETE", `/posts/${encodeURIComponent(created.id)}`);
    await waitFor(async () => (await fetch(slideUrl)).status === 404, 15_000, () => `slide still served after delete\n${app.output().slice(-2000)}`);
    await waitFor(async () => !existsSync(cacheDir), 5_000, () => "cache folder not removed");
  });

  it("answers 400 for absurd sizes and unknown variants or themes, 404 for unknown announcements", async () => {
    const { announcement } = await post("Library hours change next week.");
    const base = `${app.url}/api/announcements/${announcement.id}/slide.png`;
    for (const query of ["width=100000&height=1080", "width=10&height=10", "width=-5", "width=1e3", "width=4000&height=4000", "variant=sepia", "theme=neon"]) {
      const response = await fetch(`${base}?${query}`);
      expect(response.status, query).toBe(400);
      expect((await response.json()).error, query).toMatch(/width|height|pixels|variant|theme/);
    }
    expect((await fetch(`${app.url}/api/announcements/nope/slide.png`)).status).toBe(404);
    expect((await fetch(`${base}?width=296&height=128&variant=epaper-grey`)).status).toBe(200);
    expect((await fetch(`${base}?width=2160&height=3840`)).status).toBe(200);
  });

  it("never fetches a hostile picture unbounded: a never-ending body is cut, a stalled one timed out", async () => {
    const { announcement: huge } = await post("A picture that never ends.", { attachments: [{ url: `${hostileOrigin}/huge.png`, mediaType: "image/png", alt: "Huge" }] });
    const { announcement: slow } = await post("A picture that never arrives.", { attachments: [{ url: `${hostileOrigin}/slow.png`, mediaType: "image/png", alt: "Slow" }] });
    for (const announcement of [huge, slow]) {
      const started = performance.now();
      const response = await fetch(`${app.url}/api/announcements/${announcement.id}/slide.png?width=800&height=480`);
      expect(response.status).toBe(200);
      // Pre-rendering may already hold the fetch; either way it ends within the 5 s limit plus rendering.
      expect(performance.now() - started).toBeLessThan(20_000);
    }
    await waitFor(async () => hostileStats.hugeClosed, 10_000, () => "the app kept reading the endless picture");
    // Fetched once for all sizes; 8 MiB limit, plus what was in flight in socket buffers.
    expect(hostileStats.hugeRequests).toBe(1);
    expect(hostileStats.hugeBytesSent).toBeLessThan(24 * 1024 * 1024);
    expect(hostileStats.slowRequests).toBeGreaterThan(0);
    expect(app.output()).toMatch(/Picture \S+huge\.png\S* of \S+ is not available/);
  });
});

describe("signage playlists", () => {
  it("lists the default screen's slides with durations as JSON, M3U and text; current.png is one of them; other screens 404", async () => {
    await post("Bin day moves to Saturday.");
    const playlist = await (await fetch(`${app.url}/api/signage/default/playlist.json?width=800&height=480&variant=epaper`)).json();
    expect(playlist.screen).toBe("default");
    expect(playlist.items.length).toBeGreaterThan(0);
    for (const item of playlist.items) {
      expect(item.url).toContain("variant=epaper");
      expect(item.duration).toBeGreaterThanOrEqual(10);
    }
    const m3u = await (await fetch(`${app.url}/api/signage/default/playlist.m3u`)).text();
    expect(m3u).toMatch(/^#EXTM3U\n/);
    expect(m3u).toMatch(/#EXTINF:\d+,/);
    const text = await (await fetch(`${app.url}/api/signage/default/playlist.txt`)).text();
    expect(text.trim().split("\n").length).toBe(playlist.items.length);
    const first = await fetch(playlist.items[0].url);
    expect(first.status).toBe(200);

    const current = await fetch(`${app.url}/api/signage/default/current.png?width=800&height=480`);
    expect(current.status).toBe(200);
    expect(Number(current.headers.get("x-slide-seconds-left"))).toBeGreaterThan(0);
    expect((await sharp(Buffer.from(await current.arrayBuffer())).metadata()).width).toBe(800);
    expect((await fetch(`${app.url}/api/signage/lobby/playlist.json`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/signage/lobby/current.png`)).status).toBe(404);
  });
});
