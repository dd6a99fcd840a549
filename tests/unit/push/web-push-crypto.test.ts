import { createECDH, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createVapidAuthorization, encryptPushMessage, generateVapidKeys, isValidPushKeys, MAX_PUSH_PAYLOAD } from "@/lib/push/web-push-crypto";
import { checkVapid, decryptPushBody } from "../../integration/helpers/push-service";

function subscriber() {
  const ecdh = createECDH("prime256v1");
  const publicKey = ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return { privateKey: ecdh.getPrivateKey(), publicKey, authSecret, keys: { p256dh: publicKey.toString("base64url"), auth: authSecret.toString("base64url") } };
}

describe("Web Push encryption (RFC 8291)", () => {
  it("gives a body only the subscriber's private key opens, different each time", () => {
    const user = subscriber();
    const message = JSON.stringify({ title: "Flood warning", body: "Leave River Road now. Ōtaki bridge closed." });
    const first = encryptPushMessage(user.keys, Buffer.from(message));
    const second = encryptPushMessage(user.keys, Buffer.from(message));
    expect(first.equals(second)).toBe(false);
    expect(first.readUInt32BE(16)).toBe(4096);
    expect(first.readUInt8(20)).toBe(65);
    expect(decryptPushBody(first, user.privateKey, user.publicKey, user.authSecret)).toBe(message);
    const stranger = subscriber();
    expect(() => decryptPushBody(first, stranger.privateKey, stranger.publicKey, stranger.authSecret)).toThrow();
    // The auth secret is part of the key: the right private key with another secret fails too.
    expect(() => decryptPushBody(first, user.privateKey, user.publicKey, randomBytes(16))).toThrow();
  });

  it("matches the worked example of RFC 8291 §5 when given its keys and salt", () => {
    // RFC 8291 Appendix A: the user agent's keys and the salt; the application server's
    // ephemeral key is random here, so the check is that the example's receiver opens it.
    const receiver = createECDH("prime256v1");
    receiver.setPrivateKey(Buffer.from("q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94", "base64url"));
    const publicKey = receiver.getPublicKey();
    expect(publicKey.toString("base64url")).toBe("BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4");
    const authSecret = Buffer.from("BTBZMqHH6r4Tts7J_aSIgg", "base64url");
    const body = encryptPushMessage({ p256dh: publicKey.toString("base64url"), auth: authSecret.toString("base64url") }, Buffer.from("When I grow up, I want to be a watermelon"), Buffer.from("DGv6ra1nlYgDCS1FRnbzlw", "base64url"));
    expect(body.subarray(0, 16).toString("base64url")).toBe("DGv6ra1nlYgDCS1FRnbzlw");
    expect(decryptPushBody(body, receiver.getPrivateKey(), publicKey, authSecret)).toBe("When I grow up, I want to be a watermelon");
  });

  it("refuses a message too large for one record, and checks subscription keys", () => {
    const user = subscriber();
    expect(() => encryptPushMessage(user.keys, Buffer.alloc(MAX_PUSH_PAYLOAD + 1))).toThrow(/at most/);
    expect(decryptPushBody(encryptPushMessage(user.keys, Buffer.alloc(MAX_PUSH_PAYLOAD, 65)), user.privateKey, user.publicKey, user.authSecret)).toHaveLength(MAX_PUSH_PAYLOAD);
    expect(isValidPushKeys(user.keys.p256dh, user.keys.auth)).toBe(true);
    expect(isValidPushKeys(user.keys.p256dh, randomBytes(8).toString("base64url"))).toBe(false);
    expect(isValidPushKeys(Buffer.alloc(65, 4).toString("base64url"), user.keys.auth)).toBe(false); // not a point on the curve
    expect(isValidPushKeys("not base64 at all!", user.keys.auth)).toBe(false);
  });
});

describe("VAPID (RFC 8292)", () => {
  it("signs a JWT for the endpoint's origin that the push service can check, and nobody else's key passes", () => {
    const keys = generateVapidKeys();
    const header = createVapidAuthorization("https://push.example.net/wpush/v2/abc", keys, "https://crier.example.org/");
    expect(checkVapid(header, "https://push.example.net")).toBeNull();
    expect(checkVapid(header, "https://other-push.example.net")).toMatch(/aud/);
    const other = generateVapidKeys();
    expect(checkVapid(header.replace(/k=.*$/, `k=${other.publicKey}`), "https://push.example.net")).toBe("bad signature");
    expect(checkVapid(createVapidAuthorization("https://push.example.net/x", keys, "https://crier.example.org/", Date.now() - 13 * 3600_000), "https://push.example.net")).toMatch(/exp/);
  });
});
