import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify, type ECDH } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

// A push service of the tests' own (RFC 8030 endpoints on loopback): it checks each
// request as a real one would (VAPID JWT signed by the key it names, for this origin,
// not expired; TTL; aes128gcm) and decrypts the message with the subscription's private
// key, which only the test holds (RFC 8291), as the browser would.

export interface Device {
  name: string;
  endpoint: string;
  /** What the browser's PushSubscription.toJSON() gives. */
  subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
  /** Status the push service answers for this device (201, or 410 once it is gone). */
  status: number;
  received: { message: Record<string, unknown>; headers: Record<string, string | string[] | undefined>; vapidKey: string }[];
  requests: number;
}

export interface PushService {
  origin: string;
  addDevice(name: string, status?: number): Device;
  /** Requests refused because their VAPID or encryption was wrong, with the reason. */
  refused: string[];
  close(): Promise<void>;
}

interface Keys {
  ecdh: ECDH;
  publicKey: Buffer;
  auth: Buffer;
}

export async function startPushService(): Promise<PushService> {
  const devices = new Map<string, { device: Device; keys: Keys }>();
  const refused: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const name = decodeURIComponent((request.url ?? "").replace(/^\/push\//, ""));
      const entry = devices.get(name);
      if (request.method !== "POST" || !entry) return void response.writeHead(404).end();
      entry.device.requests++;
      try {
        const vapidKey = checkVapid(request.headers.authorization, origin);
        if (!/^\d+$/.test(String(request.headers.ttl ?? ""))) throw new Error("no TTL header");
        if (request.headers["content-encoding"] !== "aes128gcm") throw new Error(`content-encoding ${request.headers["content-encoding"]}`);
        const message = JSON.parse(decrypt(Buffer.concat(chunks), entry.keys).toString("utf8")) as Record<string, unknown>;
        if (entry.device.status < 300) entry.device.received.push({ message, headers: request.headers, vapidKey });
        response.writeHead(entry.device.status).end();
      } catch (error) {
        refused.push(`${name}: ${(error as Error).message}`);
        response.writeHead(403).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    refused,
    addDevice(name, status = 201) {
      const ecdh = createECDH("prime256v1");
      const publicKey = ecdh.generateKeys();
      const auth = randomBytes(16);
      const endpoint = `${origin}/push/${encodeURIComponent(name)}`;
      const device: Device = { name, endpoint, status, received: [], requests: 0, subscription: { endpoint, keys: { p256dh: publicKey.toString("base64url"), auth: auth.toString("base64url") } } };
      devices.set(name, { device, keys: { ecdh, publicKey, auth } });
      return device;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Checks `vapid t=<JWT>, k=<key>` (RFC 8292) and answers the key. */
function checkVapid(header: string | undefined, audience: string): string {
  const match = /^vapid t=([\w-]+)\.([\w-]+)\.([\w-]+), k=([\w-]+)$/.exec(header ?? "");
  if (!match) throw new Error(`Authorization is not VAPID: ${header}`);
  const [, head, claims, signature, key] = match as unknown as [string, string, string, string, string];
  const raw = Buffer.from(key, "base64url");
  if (raw.length !== 65 || raw[0] !== 4) throw new Error("k is not an uncompressed P-256 key");
  const publicKey = createPublicKey({ key: { kty: "EC", crv: "P-256", x: raw.subarray(1, 33).toString("base64url"), y: raw.subarray(33).toString("base64url") }, format: "jwk" });
  if (!verify("sha256", Buffer.from(`${head}.${claims}`), { key: publicKey, dsaEncoding: "ieee-p1363" }, Buffer.from(signature, "base64url"))) throw new Error("the JWT's signature does not verify with k");
  const header64 = JSON.parse(Buffer.from(head, "base64url").toString()) as { alg?: string };
  const body = JSON.parse(Buffer.from(claims, "base64url").toString()) as { aud?: string; exp?: number; sub?: string };
  if (header64.alg !== "ES256") throw new Error(`alg ${header64.alg}`);
  if (body.aud !== audience) throw new Error(`aud ${body.aud}, not ${audience}`);
  const now = Date.now() / 1000;
  if (!body.exp || body.exp < now || body.exp > now + 24 * 3600) throw new Error(`exp ${body.exp} is not within 24 hours`);
  if (!body.sub || !/^(mailto:|https?:)/.test(body.sub)) throw new Error(`sub ${body.sub}`);
  return key;
}

/** Decrypts an aes128gcm body with the subscriber's keys (RFC 8291 section 3.4, RFC 8188). */
function decrypt(body: Buffer, keys: Keys): Buffer {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const senderKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const secret = keys.ecdh.computeSecret(senderKey);
  const ikm = Buffer.from(hkdfSync("sha256", secret, keys.auth, Buffer.concat([Buffer.from("WebPush: info\0"), keys.publicKey, senderKey]), 32));
  const key = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const decipher = createDecipheriv("aes-128-gcm", key, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (padded[end] !== 2) throw new Error("the record does not end with the last-record delimiter");
  return padded.subarray(0, end);
}
