import http from "node:http";
import type { AddressInfo } from "node:net";
import { generateCryptoKeyPair, signRequest } from "@fedify/fedify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "./helpers/processes";

// A signature names the URL of its key, so any server can make the app fetch a
// document of its choosing. Here that server sends an endless actor document (with
// and without a Content-Length), or trickles one: the app must stop reading at its
// limit (2 MiB) or time (20 s), refuse the activity with 401, and stay healthy.

const ENDLESS_BYTES = 256 * 1024 * 1024;

interface Served { bytes: number; finished: boolean; closed: boolean }

let app: App;
let server: http.Server;
let origin: string;
const served = new Map<string, Served>();

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const path = request.url ?? "/";
    const record: Served = { bytes: 0, finished: false, closed: false };
    served.set(path, record);
    response.on("close", () => (record.closed = true));
    const headers: Record<string, string> = { "content-type": "application/activity+json" };
    if (path.startsWith("/declared/")) headers["content-length"] = String(ENDLESS_BYTES);
    response.writeHead(200, headers);
    response.write(`{"@context":"https://www.w3.org/ns/activitystreams","id":"${origin}${path}","type":"Person","name":"`);
    if (path.startsWith("/trickle/")) {
      const timer = setInterval(() => {
        if (record.closed) return clearInterval(timer);
        record.bytes += 1;
        response.write("a");
      }, 500);
      return;
    }
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (record.bytes < ENDLESS_BYTES && !record.closed) {
        record.bytes += chunk.length;
        if (!response.write(chunk)) return void response.once("drain", pump);
      }
      if (!record.closed) response.end(`"}`, () => (record.finished = true));
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/** POSTs a Create to the app's inbox, signed with a key said to live at `actorPath`. */
async function deliverSignedBy(actorPath: string): Promise<{ status: number; ms: number }> {
  const actor = `${origin}${actorPath}`;
  const { privateKey } = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
  const activity = {
    "@context": "https://www.w3.org/ns/activitystreams",
    id: `${actor}/activities/1`,
    type: "Create",
    actor,
    object: { id: `${actor}/notes/1`, type: "Note", attributedTo: actor, content: "<p>Hello</p>", to: ["https://www.w3.org/ns/activitystreams#Public"] },
  };
  const request = new Request(`${app.url}/ap/inbox`, { method: "POST", headers: { "content-type": "application/activity+json" }, body: JSON.stringify(activity) });
  const started = Date.now();
  const response = await fetch(await signRequest(request, privateKey, new URL(`${actor}#main-key`)));
  await response.body?.cancel();
  return { status: response.status, ms: Date.now() - started };
}

describe("documents other servers send", () => {
  it("stops reading an endless key document at the limit and refuses the activity", async () => {
    const { status, ms } = await deliverSignedBy("/endless/actor");
    const record = served.get("/endless/actor")!;
    expect(status).toBe(401);
    expect(record.finished).toBe(false);
    await waitUntil(() => record.closed);
    // 2 MiB read, plus what the sockets' buffers held when the app hung up.
    expect(record.bytes).toBeLessThan(32 * 1024 * 1024);
    console.log(`[remote limits] endless document: app hung up after ${(record.bytes / 1048576).toFixed(1)} MiB were written, answered ${status} in ${ms} ms`);
  });

  it("does not start reading a key document that declares itself too large", async () => {
    const { status } = await deliverSignedBy("/declared/actor");
    const record = served.get("/declared/actor")!;
    expect(status).toBe(401);
    await waitUntil(() => record.closed);
    expect(record.finished).toBe(false);
    expect(record.bytes).toBeLessThan(32 * 1024 * 1024);
  });

  it("gives up on a key document trickled byte by byte after 20 s", async () => {
    const { status, ms } = await deliverSignedBy("/trickle/actor");
    expect(status).toBe(401);
    expect(ms).toBeGreaterThanOrEqual(19_000);
    expect(ms).toBeLessThan(40_000);
    await waitUntil(() => served.get("/trickle/actor")!.closed);
    console.log(`[remote limits] trickled document: answered ${status} after ${ms} ms`);
  }, 60_000);

  it("stays healthy afterwards", async () => {
    const health = await fetch(`${app.url}/api/health`);
    expect(health.status).toBe(200);
  });
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out waiting for the connection to close");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
