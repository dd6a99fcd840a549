import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The CAP poller against a real HTTP server on loopback: an Atom index with ETag and
// Last-Modified, the CAP files it links, a broken entry, and a source that fails.
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "crier-cap-poller-"));
process.env.ALLOW_PRIVATE_ADDRESS = "true";

const { startCapPoller } = await import("../../../lib/cap/cap-poller");
const { listAnnouncements } = await import("../../../lib/announcements/listing");
const { getStore } = await import("../../../lib/store");
const { stopRuntime } = await import("../../../lib/runtime");

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/cap");
const requests: { path: string; headers: IncomingHttpHeaders }[] = [];
let failing = false;
const server = createServer((request, response) => {
  requests.push({ path: request.url ?? "", headers: request.headers });
  if (request.url === "/failing.atom" || failing) return void response.writeHead(500).end();
  if (request.url === "/index.atom") {
    if (request.headers["if-none-match"] === '"v1"') return void response.writeHead(304).end();
    const index = `<feed xmlns="http://www.w3.org/2005/Atom"><id>x</id>
      <entry><id>a</id><updated>2026-12-06T06:30:00Z</updated><link type="application/cap+xml" href="/weather.xml"/></entry>
      <entry><id>b</id><updated>2026-12-06T06:31:00Z</updated><link type="application/cap+xml" href="/malformed.xml"/></entry></feed>`;
    return void response.writeHead(200, { etag: '"v1"', "last-modified": "Sun, 06 Dec 2026 06:30:00 GMT", "content-type": "application/atom+xml" }).end(index);
  }
  const file = { "/weather.xml": "weather-warning-polygon.xml", "/malformed.xml": "malformed.xml" }[request.url ?? ""];
  if (!file) return void response.writeHead(404).end();
  response.writeHead(200, { "content-type": "application/cap+xml" }).end(readFileSync(path.join(FIXTURES, file)));
});
let origin = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await stopRuntime();
  await new Promise((resolve) => server.close(resolve));
});

const fetched = (pathname: string) => requests.filter((request) => request.path === pathname);

describe("the CAP poller", () => {
  it("reads an index and its entries, skips a malformed one, then asks with If-None-Match (304: nothing more read)", async () => {
    const source = (await getStore().cap.createSource({ url: `${origin}/index.atom`, name: "Weather", minSeverity: "Severe", area: null }))!;
    const poller = startCapPoller(100, { isTicking: false });
    try {
      await poller.pollDue();
      expect((await listAnnouncements({ limit: 10 })).map((item) => [item.text.split("\n")[0], item.priority])).toEqual([["Orange Heavy Rain Warning for Wellington", "emergency"]]);
      // The malformed entry was logged and skipped (read again only when its entry changes).
      expect(await getStore().cap.getSource(source.id)).toMatchObject({ state: "ok", etag: '"v1"', lastModified: "Sun, 06 Dec 2026 06:30:00 GMT" });
      await new Promise((resolve) => setTimeout(resolve, 150));
      await poller.pollDue();
      expect(fetched("/weather.xml")).toHaveLength(1);
      expect(fetched("/malformed.xml")).toHaveLength(1);
      expect(fetched("/index.atom").map((request) => request.headers["if-none-match"])).toEqual([undefined, '"v1"']);
      expect(fetched("/index.atom")[0]!.headers.accept).toContain("application/cap+xml");
    } finally {
      await poller.stop();
      await getStore().cap.deleteSource(source.id);
    }
  });

  it("sends both validators it has (If-None-Match, If-Modified-Since)", async () => {
    requests.length = 0;
    const source = (await getStore().cap.createSource({ url: `${origin}/index.atom?clean`, name: "Clean", minSeverity: "Severe", area: null }))!;
    await getStore().cap.updateSource(source.id, { etag: '"v1"', lastModified: "Sun, 06 Dec 2026 06:30:00 GMT" });
    const poller = startCapPoller(100, { isTicking: false });
    try {
      await poller.pollDue();
      expect(requests.map((request) => [request.path, request.headers["if-none-match"], request.headers["if-modified-since"]])).toEqual([["/index.atom?clean", '"v1"', "Sun, 06 Dec 2026 06:30:00 GMT"]]);
    } finally {
      await poller.stop();
      await getStore().cap.deleteSource(source.id);
    }
  });

  it("backs off a failing source: twice the interval after one failure, four times after two", async () => {
    requests.length = 0;
    const source = (await getStore().cap.createSource({ url: `${origin}/failing.atom`, name: "Failing", minSeverity: "Severe", area: null }))!;
    const poller = startCapPoller(100, { isTicking: false });
    try {
      await poller.pollDue();
      expect(await getStore().cap.getSource(source.id)).toMatchObject({ state: "error", reason: expect.stringContaining("answered 500") });
      await poller.pollDue();
      expect(fetched("/failing.atom")).toHaveLength(1);
      await new Promise((resolve) => setTimeout(resolve, 250));
      await poller.pollDue();
      expect(fetched("/failing.atom")).toHaveLength(2);
      await new Promise((resolve) => setTimeout(resolve, 250));
      await poller.pollDue();
      expect(fetched("/failing.atom")).toHaveLength(2);
      await getStore().cap.updateSource(source.id, { paused: true });
      await new Promise((resolve) => setTimeout(resolve, 250));
      await poller.pollDue();
      expect(fetched("/failing.atom")).toHaveLength(2);
    } finally {
      await poller.stop();
    }
  });
});
