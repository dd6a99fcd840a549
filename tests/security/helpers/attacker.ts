import { exportSpki, generateCryptoKeyPair, signObject, signRequest } from "@fedify/fedify";
import { Activity } from "@fedify/vocab";
import { exportMultibaseKey } from "@fedify/vocab-runtime";
import { createServer, type Server } from "node:http";

// The attacker's own server on the internet: it serves key documents that claim
// whatever the attacker likes (a council as `owner` or `controller`), and its keys
// sign requests and Object Integrity Proofs. Everything here is what a stranger
// could publish; nothing needs the council's secrets.

export type Spec = "draft-cavage-http-signatures-12" | "rfc9421";

export interface Attacker {
  origin: string;
  /** An RSA key whose document claims `owner: claimedOwner`. */
  ownerKeyId: URL;
  /** An RSA key whose document claims no owner. */
  plainKeyId: URL;
  /** An Ed25519 Multikey whose document claims `controller: claimedOwner`. */
  controllerKeyId: URL;
  rsaKey: CryptoKey;
  ed25519Key: CryptoKey;
  /** How many times anyone fetched something from this server. */
  hits: () => number;
  close: () => Promise<void>;
}

/** Starts the attacker's server on 127.0.0.1; its documents claim `claimedOwner` (the council's actor IRI). */
export async function startAttacker(claimedOwner: string): Promise<Attacker> {
  const rsa = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
  const ed = await generateCryptoKeyPair("Ed25519");
  const rsaPem = await exportSpki(rsa.publicKey);
  const edMultibase = await exportMultibaseKey(ed.publicKey);
  let hits = 0;
  let origin = "";
  const documents = (): Record<string, unknown> => ({
    "/keys/owner": { "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"], id: `${origin}/keys/owner`, type: "CryptographicKey", owner: claimedOwner, publicKeyPem: rsaPem },
    "/keys/plain": { "@context": "https://w3id.org/security/v1", id: `${origin}/keys/plain`, type: "CryptographicKey", publicKeyPem: rsaPem },
    "/keys/controller": { "@context": "https://w3id.org/security/multikey/v1", id: `${origin}/keys/controller`, type: "Multikey", controller: claimedOwner, publicKeyMultibase: edMultibase },
  });
  const server: Server = createServer((request, response) => {
    hits++;
    const document = documents()[request.url ?? ""];
    response.writeHead(document ? 200 : 404, { "content-type": "application/activity+json" });
    response.end(JSON.stringify(document ?? { error: "not found" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    origin,
    ownerKeyId: new URL(`${origin}/keys/owner`),
    plainKeyId: new URL(`${origin}/keys/plain`),
    controllerKeyId: new URL(`${origin}/keys/controller`),
    rsaKey: rsa.privateKey,
    ed25519Key: ed.privateKey,
    hits: () => hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A POST of `body` to `inbox` with no signature at all. */
export function unsignedPost(inbox: string, body: string): Request {
  return new Request(inbox, { method: "POST", headers: { "content-type": "application/activity+json" }, body });
}

/** A POST of `body` to `inbox`, HTTP-signed with `key` under `keyId`. */
export function signedPost(inbox: string, body: string, key: CryptoKey, keyId: URL, spec: Spec = "draft-cavage-http-signatures-12"): Promise<Request> {
  return signRequest(unsignedPost(inbox, body), key, keyId, { spec } as never);
}

/** `activity` with an eddsa-jcs-2022 Object Integrity Proof by `key` under `keyId`, as JSON. */
export async function withProof(activity: Record<string, unknown>, key: CryptoKey, keyId: URL): Promise<string> {
  const parsed = await Activity.fromJsonLd(activity);
  const signed = await signObject(parsed, key, keyId);
  return JSON.stringify(await signed.toJsonLd({ format: "compact" }));
}
