import http from "node:http";
import type { AddressInfo } from "node:net";
import { generateCryptoKeyPair, signRequest } from "@fedify/fedify";
import { exportSpki } from "@fedify/vocab-runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "./helpers/processes";
import { residentBytes, samplePeakResident } from "./helpers/resident-memory";

// A body names its JSON-LD contexts, and Fedify fetches them before it checks any
// signature. The attacker's server here answers one context with an endless stream of
// application/octet-stream (a type a cap on JSON alone lets through: +2 GB resident
// was measured before), and serves as many small contexts as a body lists. The app's
// memory must stay within 100 MiB of where it was, it must keep answering, and it
// must fetch no more than a handful of remote contexts for one request.

const ENDLESS_BYTES = 512 * 1024 * 1024;
const MIB = 1024 * 1024;

let app: App;
let attacker: http.Server;
let origin: string;
let publicKeyPem: string;
let privateKey: CryptoKey;
const hits = new Map<string, number>();
const endless = { bytes: 0, closed: 0 };

beforeAll(async () => {
  const keys = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
  privateKey = keys.privateKey;
  publicKeyPem = await exportSpki(keys.publicKey);
  attacker = http.createServer((request, response) => {
    const path = request.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === "/context/endless") return streamEndless(response);
    if (path.startsWith("/context/small/")) {
      const term = `term${path.split("/").pop()}`;
      return void response.writeHead(200, { "content-type": "application/ld+json" }).end(JSON.stringify({ "@context": { [term]: `${origin}/ns#${term}` } }));
    }
    if (path === "/actor") {
      return void response.writeHead(200, { "content-type": "application/activity+json" }).end(JSON.stringify(actorDocument()));
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
  attacker?.closeAllConnections();
  await new Promise((resolve) => attacker?.close(resolve));
});

function streamEndless(response: http.ServerResponse): void {
  response.writeHead(200, { "content-type": "application/octet-stream" });
  response.on("close", () => endless.closed++);
  const chunk = Buffer.alloc(64 * 1024, 0x20); // spaces: valid JSON whitespace, so a parser waits for more
  const pump = () => {
    while (endless.bytes < ENDLESS_BYTES && !response.destroyed) {
      endless.bytes += chunk.length;
      if (!response.write(chunk)) return void response.once("drain", pump);
    }
    if (!response.destroyed) response.end("{}");
  };
  response.write("{\"@context\": {\"a\": \"https://attacker.example/ns#a\"}");
  pump();
}

function actorDocument() {
  return {
    "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
    id: `${origin}/actor`,
    type: "Person",
    preferredUsername: "attacker",
    inbox: `${origin}/inbox`,
    publicKey: { id: `${origin}/actor#main-key`, owner: `${origin}/actor`, publicKeyPem },
  };
}

function createWithContexts(contexts: string[], n: number) {
  const actor = `${origin}/actor`;
  return {
    "@context": ["https://www.w3.org/ns/activitystreams", ...contexts],
    id: `${actor}/activities/${n}`,
    type: "Create",
    actor,
    object: { id: `${actor}/notes/${n}`, type: "Note", attributedTo: actor, content: "<p>Hello</p>", to: ["https://www.w3.org/ns/activitystreams#Public"] },
  };
}

async function postToInbox(body: unknown, signed: boolean): Promise<number> {
  let request = new Request(`${app.url}/ap/inbox`, { method: "POST", headers: { "content-type": "application/activity+json" }, body: JSON.stringify(body) });
  if (signed) request = await signRequest(request, privateKey, new URL(`${origin}/actor#main-key`));
  const response = await fetch(request, { signal: AbortSignal.timeout(45_000) });
  await response.body?.cancel();
  return response.status;
}

async function isHealthy(): Promise<boolean> {
  const response = await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(5_000) });
  await response.body?.cancel();
  return response.ok;
}

/** Sends the body, and answers the app's peak resident memory above where it was before. */
async function measureGrowth(body: unknown, signed: boolean): Promise<{ status: number; growth: number }> {
  const before = residentBytes(app.child.pid!);
  const sampler = samplePeakResident(app.child.pid!);
  const closedBefore = endless.closed;
  const status = await postToInbox(body, signed);
  // The app may answer before it has hung up on the stream: wait until it has.
  for (let i = 0; i < 200 && endless.closed === closedBefore && hits.get("/context/endless"); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return { status, growth: sampler.stop() - before };
}

describe("remote JSON-LD contexts", () => {
  it("warms up on a small body first (so what follows measures the attack, not the first request)", async () => {
    await postToInbox(createWithContexts([], 0), false);
    expect(await isHealthy()).toBe(true);
  });

  it("an unsigned POST whose context is an endless octet-stream leaves memory within 100 MiB and the app answering", async () => {
    const { status, growth } = await measureGrowth(createWithContexts([`${origin}/context/endless`], 1), false);
    console.log(`[remote contexts] unsigned: answered ${status}; resident memory grew ${(growth / MIB).toFixed(1)} MiB at its peak; the attacker wrote ${(endless.bytes / MIB).toFixed(1)} MiB`);
    // Refused for want of a signature before any JSON-LD work: the context is never asked for.
    expect(status).toBe(401);
    expect(hits.get("/context/endless") ?? 0).toBe(0);
    expect(growth).toBeLessThan(100 * MIB);
    expect(endless.bytes).toBeLessThan(64 * MIB);
    expect(await isHealthy()).toBe(true);
  });

  it("so does a POST signed by a key on the attacker's own server", async () => {
    const bytesBefore = endless.bytes;
    const { status, growth } = await measureGrowth(createWithContexts([`${origin}/context/endless`], 2), true);
    console.log(`[remote contexts] signed: answered ${status}; resident memory grew ${(growth / MIB).toFixed(1)} MiB at its peak; the attacker wrote ${((endless.bytes - bytesBefore) / MIB).toFixed(1)} MiB`);
    expect(status).toBe(400);
    expect(growth).toBeLessThan(100 * MIB);
    expect(endless.bytes - bytesBefore).toBeLessThan(64 * MIB);
    expect(await isHealthy()).toBe(true);
  });

  it("fetches at most 4 of the 12 remote contexts a body lists", async () => {
    const contexts = Array.from({ length: 12 }, (_, i) => `${origin}/context/small/${100 + i}`);
    const status = await postToInbox(createWithContexts(contexts, 3), true);
    const fetched = contexts.filter((url) => hits.has(new URL(url).pathname)).length;
    console.log(`[remote contexts] 12 listed: answered ${status}, ${fetched} fetched`);
    expect(status).toBe(400);
    expect(fetched).toBeGreaterThan(0);
    expect(fetched).toBeLessThanOrEqual(4);
  });

  it("still fetches a few remote contexts, once: a second body naming them is served from the cache", async () => {
    const contexts = [1, 2, 3].map((i) => `${origin}/context/small/${i}`);
    await postToInbox(createWithContexts(contexts, 4), true);
    expect(contexts.map((url) => hits.get(new URL(url).pathname) ?? 0)).toEqual([1, 1, 1]);
    await postToInbox(createWithContexts(contexts, 5), true);
    expect(contexts.map((url) => hits.get(new URL(url).pathname) ?? 0)).toEqual([1, 1, 1]);
    expect(await isHealthy()).toBe(true);
  });
});
