import { exportSpki, generateCryptoKeyPair, importJwk, signRequest } from "@fedify/fedify";
import { Temporal } from "@js-temporal/polyfill";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import type { Forgery } from "../../fixtures/hostile";

// Builds the forged deliveries of the hostile corpus. The council's real key is
// read from its keys.json (the test started it, so its data directory is ours)
// to make signatures that are valid except for the one thing forged.

const HOUR = 3_600_000;

/** A loopback HTTP server that serves a key document claiming `owner`, and counts who asked for it. */
export interface KeyServer {
  origin: string;
  keyId: (name: string) => URL;
  privateKey: CryptoKey;
  hits: () => number;
  close: () => Promise<void>;
}

export async function startKeyServer(owner: string): Promise<KeyServer> {
  const { privateKey, publicKey } = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
  const publicKeyPem = await exportSpki(publicKey);
  let hits = 0;
  const server: Server = createServer((request, response) => {
    hits++;
    const id = `http://${request.headers.host}${request.url}`;
    response.writeHead(200, { "content-type": "application/activity+json" });
    response.end(JSON.stringify({
      "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
      id, type: "CryptographicKey", owner, publicKeyPem,
    }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    keyId: (name) => new URL(`${origin}/keys/${name}`),
    privateKey,
    hits: () => hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The council actor's real RSA private key, from its keys.json. */
export async function readCouncilKey(councilDataDir: string, actor: string): Promise<CryptoKey> {
  const file = JSON.parse(readFileSync(path.join(councilDataDir, "keys.json"), "utf8"));
  return importJwk(file[actor].rsa.privateKey, "private");
}

export interface ForgeryInput {
  inbox: string;
  /** A Create by the council. */
  body: string;
  /** Another Create by the council. */
  otherBody: string;
  /** A Create by the stranger of a Note attributed to the council. */
  strangerBody: string;
  councilActor: string;
  councilKey: CryptoKey;
  strangerActor: string;
  strangerKey: CryptoKey;
  keyServer: KeyServer;
  /** A keyId nothing answers on (the main app), or the key server (the strict app, which must not ask it). */
  unreachableKeyId: URL;
}

function unsigned(inbox: string, body: string): Request {
  return new Request(inbox, { method: "POST", headers: { "content-type": "application/activity+json" }, body });
}

async function sign(inbox: string, body: string, key: CryptoKey, keyId: URL, currentTime?: number): Promise<Request> {
  const currentTimeOption = currentTime === undefined ? {} : { currentTime: Temporal.Instant.fromEpochMilliseconds(currentTime) };
  return signRequest(unsigned(inbox, body), key, keyId, { spec: "draft-cavage-http-signatures-12", ...currentTimeOption } as never);
}

/** Re-sends a signed request's headers with another body. */
async function withBody(signed: Request, body: string): Promise<Request> {
  return new Request(signed.url, { method: "POST", headers: signed.headers, body });
}

/** The request a forgery sends. `body` is the activity (actor: the council unless said otherwise). */
export async function buildForgedRequest(forgery: Forgery, input: ForgeryInput): Promise<Request> {
  const councilKeyId = new URL(`${input.councilActor}#main-key`);
  const strangerKeyId = new URL(`${input.strangerActor}#main-key`);
  switch (forgery) {
    case "no-signature":
      return unsigned(input.inbox, input.body);
    case "wrong-key":
      return sign(input.inbox, input.body, (await generateCryptoKeyPair("RSASSA-PKCS1-v1_5")).privateKey, councilKeyId);
    case "digest-mismatch":
      return withBody(await sign(input.inbox, input.otherBody, input.councilKey, councilKeyId), input.body);
    case "body-swapped": {
      const forBody = await sign(input.inbox, input.body, input.councilKey, councilKeyId);
      const forOther = await sign(input.inbox, input.otherBody, input.councilKey, councilKeyId);
      const headers = new Headers(forBody.headers);
      headers.set("signature", forOther.headers.get("signature")!);
      return new Request(input.inbox, { method: "POST", headers, body: input.body });
    }
    case "expired-date":
      return sign(input.inbox, input.body, input.councilKey, councilKeyId, Date.now() - 2 * HOUR);
    case "future-date":
      return sign(input.inbox, input.body, input.councilKey, councilKeyId, Date.now() + 2 * HOUR);
    case "foreign-key-id":
      return sign(input.inbox, input.body, input.keyServer.privateKey, input.keyServer.keyId("claims-council"));
    case "key-id-unreachable":
      return sign(input.inbox, input.body, input.councilKey, input.unreachableKeyId);
    case "key-id-private-address":
      return sign(input.inbox, input.body, input.keyServer.privateKey, input.keyServer.keyId("private"));
    case "garbage-header": {
      const request = unsigned(input.inbox, input.body);
      request.headers.set("signature", 'keyId="' + councilKeyId.href + '",headers="(request-target)",signature="AAAA<script>"');
      return request;
    }
    case "actor-mismatch":
      return sign(input.inbox, input.body, input.strangerKey, strangerKeyId);
    case "stranger-as-council":
      return sign(input.inbox, input.strangerBody, input.strangerKey, strangerKeyId);
  }
}
