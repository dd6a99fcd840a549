import { createCipheriv, createECDH, createPrivateKey, generateKeyPairSync, hkdfSync, randomBytes, sign } from "node:crypto";

// Web Push message encryption (RFC 8291, "aes128gcm" of RFC 8188) and VAPID (RFC 8292),
// with Node's own crypto: ECDH on P-256, HKDF-SHA-256, AES-128-GCM, ES256 signatures.

/** A VAPID key pair: the private key as a JWK, the public key as the 65-byte uncompressed point (base64url). */
export interface VapidKeys {
  privateJwk: { kty: "EC"; crv: "P-256"; x: string; y: string; d: string };
  publicKey: string;
}

const RECORD_SIZE = 4096;

/** Generates a new VAPID key pair. */
export function generateVapidKeys(): VapidKeys {
  const { privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = privateKey.export({ format: "jwk" }) as VapidKeys["privateJwk"];
  return { privateJwk: { kty: "EC", crv: "P-256", x: jwk.x, y: jwk.y, d: jwk.d }, publicKey: publicKeyOf(jwk) };
}

function publicKeyOf(jwk: { x: string; y: string }): string {
  return Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, "base64url"), Buffer.from(jwk.y, "base64url")]).toString("base64url");
}

/** The most a push message's payload can be: one 4096-byte record, less its header (86) and tag and delimiter (17). */
export const MAX_PUSH_PAYLOAD = RECORD_SIZE - 17 - 86;

/**
 * Encrypts a payload for one subscription: the aes128gcm body (salt, record size, the
 * sender's ephemeral public key, then one record), per RFC 8291 section 3.4.
 */
export function encryptPushPayload(payload: Buffer, subscriberPublicKey: Buffer, authSecret: Buffer): Buffer {
  if (payload.length > MAX_PUSH_PAYLOAD) throw new RangeError(`A push message holds at most ${MAX_PUSH_PAYLOAD} bytes.`);
  const sender = createECDH("prime256v1");
  const senderPublicKey = sender.generateKeys();
  const sharedSecret = sender.computeSecret(subscriberPublicKey);
  const keyInfo = Buffer.concat([Buffer.from("WebPush: info\0"), subscriberPublicKey, senderPublicKey]);
  const ikm = Buffer.from(hkdfSync("sha256", sharedSecret, authSecret, keyInfo, 32));
  const salt = randomBytes(16);
  const contentKey = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: aes128gcm\0"), 16));
  const nonce = Buffer.from(hkdfSync("sha256", ikm, salt, Buffer.from("Content-Encoding: nonce\0"), 12));
  const cipher = createCipheriv("aes-128-gcm", contentKey, nonce);
  // 0x02 ends the last (here the only) record.
  const encrypted = Buffer.concat([cipher.update(Buffer.concat([payload, Buffer.from([2])])), cipher.final(), cipher.getAuthTag()]);
  const header = Buffer.alloc(21);
  salt.copy(header, 0);
  header.writeUInt32BE(RECORD_SIZE, 16);
  header.writeUInt8(senderPublicKey.length, 20);
  return Buffer.concat([header, senderPublicKey, encrypted]);
}

/** The Authorization header value for a push service (RFC 8292): a 12-hour ES256 JWT for its origin, and the public key. */
export function vapidAuthorization(endpoint: string, keys: VapidKeys, subject: string, nowMs = Date.now()): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${encode({ typ: "JWT", alg: "ES256" })}.${encode({ aud: new URL(endpoint).origin, exp: Math.floor(nowMs / 1000) + 12 * 3600, sub: subject })}`;
  const signature = sign("sha256", Buffer.from(unsigned), { key: createPrivateKey({ key: keys.privateJwk, format: "jwk" }), dsaEncoding: "ieee-p1363" });
  return `vapid t=${unsigned}.${signature.toString("base64url")}, k=${keys.publicKey}`;
}
