import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A push service of the tests' own (RFC 8030), on 127.0.0.1: it hands out subscriptions
// whose private keys the test holds, checks each push's VAPID JWT (RFC 8292) and
// decrypts its body (RFC 8291), the way a browser's push service and the browser would.

export interface TestSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** Messages received, decrypted, in order. */
  received: { text: string; ttl: string | null; urgency: string | null; topic: string | null }[];
  /** What the service answers for this subscription (201, or 404/410 when it is gone). */
  answer: number;
}

export interface TestPushService {
  url: string;
  subscribe(): TestSubscription;
  /** Requests refused (bad VAPID, bad encryption), with the reason. */
  refused: string[];
  close(): Promise<void>;
}

/** Decrypts an aes128gcm body with the subscription's private key and auth secret (RFC 8291 §3–4). */
export function decryptPushBody(body: Buffer, privateKey: Buffer, publicKey: Buffer, authSecret: Buffer): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body.readUInt8(20);
  const serverPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (ciphertext.length > recordSize) throw new Error("more than one record");
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(privateKey);
  const shared = ecdh.computeSecret(serverPublic);
  const inputKey = Buffer.from(hkdfSync("sha256", shared, authSecret, Buffer.concat([Buffer.from("WebPush: info\0"), publicKey, serverPublic]), 32));
  const key = Buffer.from(hkdfSync("sha256", inputKey, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", inputKey, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", key, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // Strip the padding: zeros after the delimiter 0x02 (last record).
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("no last-record delimiter");
  return padded.subarray(0, end).toString("utf8");
}

/** Checks `Authorization: vapid t=…, k=…` for `origin`; returns null when valid, else why not. */
export function checkVapid(header: string | undefined, origin: string, now = Date.now()): string | null {
  const match = /^vapid t=([\w-]+)\.([\w-]+)\.([\w-]+), k=([\w-]+)$/.exec(header ?? "");
  if (!match) return `no vapid authorization: ${header}`;
  const [, head, claims, signature, key] = match;
  const point = Buffer.from(key!, "base64url");
  const publicKey = createPublicKey({ key: { kty: "EC", crv: "P-256", x: point.subarray(1, 33).toString("base64url"), y: point.subarray(33).toString("base64url") }, format: "jwk" });
  if (!verify("sha256", Buffer.from(`${head}.${claims}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(signature!, "base64url"))) return "bad signature";
  const { alg } = JSON.parse(Buffer.from(head!, "base64url").toString());
  const { aud, exp, sub } = JSON.parse(Buffer.from(claims!, "base64url").toString());
  if (alg !== "ES256") return `alg ${alg}`;
  if (aud !== origin) return `aud ${aud}, not ${origin}`;
  if (!(exp * 1000 > now && exp * 1000 <= now + 24 * 3600_000)) return `exp ${exp}`;
  if (typeof sub !== "string" || !/^(mailto:|https?:)/.test(sub)) return `sub ${sub}`;
  return null;
}

/** Starts the push service on 127.0.0.1. */
export async function startPushService(): Promise<TestPushService> {
  const subscriptions = new Map<string, TestSubscription & { privateKey: Buffer; publicKey: Buffer; authSecret: Buffer }>();
  const refused: string[] = [];
  let counter = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const subscription = subscriptions.get(request.url ?? "");
      const refuse = (status: number, reason: string) => {
        refused.push(reason);
        response.writeHead(status).end(reason);
      };
      if (request.method !== "POST" || !subscription) return refuse(404, `unknown ${request.method} ${request.url}`);
      if (subscription.answer !== 201) return response.writeHead(subscription.answer).end();
      const vapid = checkVapid(request.headers.authorization, url);
      if (vapid) return refuse(403, vapid);
      if (request.headers["content-encoding"] !== "aes128gcm") return refuse(415, `content-encoding ${request.headers["content-encoding"]}`);
      if (!request.headers.ttl) return refuse(400, "no TTL");
      try {
        const text = decryptPushBody(Buffer.concat(chunks), subscription.privateKey, subscription.publicKey, subscription.authSecret);
        subscription.received.push({ text, ttl: request.headers.ttl as string, urgency: (request.headers.urgency as string) ?? null, topic: (request.headers.topic as string) ?? null });
        response.writeHead(201, { location: `${url}/messages/${++counter}` }).end();
      } catch (error) {
        refuse(400, `cannot decrypt: ${(error as Error).message}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    refused,
    subscribe() {
      const ecdh = createECDH("prime256v1");
      const publicKey = ecdh.generateKeys();
      const authSecret = randomBytes(16);
      const path = `/push/${randomBytes(12).toString("base64url")}`;
      const subscription = {
        endpoint: `${url}${path}`, keys: { p256dh: publicKey.toString("base64url"), auth: authSecret.toString("base64url") },
        received: [], answer: 201, privateKey: ecdh.getPrivateKey(), publicKey, authSecret,
      };
      subscriptions.set(path, subscription);
      return subscription;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
