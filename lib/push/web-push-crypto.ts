import { createECDH, createPublicKey, generateKeyPairSync, hkdfSync, randomBytes, sign, createCipheriv, type JsonWebKey } from "node:crypto";

// Web Push message encryption (RFC 8291, "aes128gcm" content coding of RFC 8188) and
// VAPID (RFC 8292), on Node's own crypto: nothing of a push message is readable by the
// push service, and the push service knows which server sent it.

/** What a browser's PushSubscription gives: its endpoint and keys (base64url). */
export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** A VAPID key pair: the private key as JWK (kept in the store), the public key raw (65 bytes, base64url). */
export interface VapidKeys {
  privateJwk: JsonWebKey;
  publicKey: string;
}

const RECORD_SIZE = 4096;
// One record holds the message, its delimiter and the 16-byte tag.
export const MAX_PUSH_PAYLOAD = RECORD_SIZE - 17 - 86;

const toBase64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const fromBase64Url = (text: string) => Buffer.from(text, "base64url");

/** Makes a new VAPID key pair (P-256). */
export function generateVapidKeys(): VapidKeys {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const raw = Buffer.concat([Buffer.from([4]), fromBase64Url(jwk.x!), fromBase64Url(jwk.y!)]);
  return { privateJwk: privateKey.export({ format: "jwk" }), publicKey: toBase64Url(raw) };
}

/** Checks a subscription's keys: an uncompressed P-256 point and a 16-byte secret. */
export function isValidPushKeys(p256dh: string, auth: string): boolean {
  try {
    const point = fromBase64Url(p256dh);
    if (point.length !== 65 || point[0] !== 4 || fromBase64Url(auth).length !== 16) return false;
    createPublicKey({ key: { kty: "EC", crv: "P-256", x: toBase64Url(point.subarray(1, 33)), y: toBase64Url(point.subarray(33)) }, format: "jwk" });
    return true;
  } catch {
    return false;
  }
}

/** Encrypts a message for one subscription (RFC 8291): the body of the push request. */
export function encryptPushMessage(target: Pick<PushTarget, "p256dh" | "auth">, plaintext: Uint8Array, salt: Uint8Array = randomBytes(16)): Buffer {
  if (plaintext.length > MAX_PUSH_PAYLOAD) throw new Error(`A push message is at most ${MAX_PUSH_PAYLOAD} bytes; this one is ${plaintext.length}.`);
  const userAgentPublic = fromBase64Url(target.p256dh);
  const authSecret = fromBase64Url(target.auth);
  const ephemeral = createECDH("prime256v1");
  const serverPublic = ephemeral.generateKeys();
  const sharedSecret = ephemeral.computeSecret(userAgentPublic);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), userAgentPublic, serverPublic]);
  const inputKey = Buffer.from(hkdfSync("sha256", sharedSecret, authSecret, keyInfo, 32));
  const contentKey = Buffer.from(hkdfSync("sha256", inputKey, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", inputKey, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const cipher = createCipheriv("aes-128-gcm", contentKey, nonce);
  // The last (and only) record ends with the delimiter 0x02.
  const encrypted = Buffer.concat([cipher.update(Buffer.concat([plaintext, Buffer.from([2])])), cipher.final(), cipher.getAuthTag()]);
  const header = Buffer.alloc(21);
  Buffer.from(salt).copy(header, 0);
  header.writeUInt32BE(RECORD_SIZE, 16);
  header.writeUInt8(serverPublic.length, 20);
  return Buffer.concat([header, serverPublic, encrypted]);
}

/** The Authorization header of a push request (RFC 8292): a JWT for the endpoint's origin, signed ES256. */
export function createVapidAuthorization(endpoint: string, keys: VapidKeys, subject: string, now = Date.now()): string {
  const header = toBase64Url(Buffer.from(JSON.stringify({ typ: "JWT", alg: "ES256" })));
  // At most 24 hours ahead (RFC 8292 §2); 12 leaves room for a skewed clock.
  const claims = toBase64Url(Buffer.from(JSON.stringify({ aud: new URL(endpoint).origin, exp: Math.floor(now / 1000) + 12 * 3600, sub: subject })));
  const signature = sign("sha256", Buffer.from(`${header}.${claims}`), { key: keys.privateJwk, format: "jwk", dsaEncoding: "ieee-p1363" });
  return `vapid t=${header}.${claims}.${toBase64Url(signature)}, k=${keys.publicKey}`;
}
