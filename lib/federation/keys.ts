import { exportJwk, generateCryptoKeyPair, importJwk } from "@fedify/fedify";
import type { Store } from "../store";

const SETTING = "federation.actorKeys";

interface StoredKeyPair {
  privateKey: JsonWebKey;
  publicKey: JsonWebKey;
}

// On globalThis: Next may bundle this module twice, and two generations would race.
const KEY = Symbol.for("crier.actorKeys");
const cache = globalThis as { [KEY]?: Promise<CryptoKeyPair[]> };

/**
 * The service actor's key pairs, RSA first (it signs HTTP requests) then Ed25519,
 * generated once and kept in the store: regenerating them would break every
 * remote server's cached copy of our keys.
 */
export function getActorKeyPairs(store: Store): Promise<CryptoKeyPair[]> {
  cache[KEY] ??= loadOrCreateKeyPairs(store).catch((error) => {
    delete cache[KEY];
    throw error;
  });
  return cache[KEY];
}

async function loadOrCreateKeyPairs(store: Store): Promise<CryptoKeyPair[]> {
  const saved = await store.getSetting(SETTING);
  if (saved) {
    const pairs = JSON.parse(saved) as StoredKeyPair[];
    return Promise.all(
      pairs.map(async (pair) => ({
        privateKey: await importJwk(pair.privateKey, "private"),
        publicKey: await importJwk(pair.publicKey, "public"),
      })),
    );
  }
  const pairs = [await generateCryptoKeyPair("RSASSA-PKCS1-v1_5"), await generateCryptoKeyPair("Ed25519")];
  const stored: StoredKeyPair[] = await Promise.all(
    pairs.map(async (pair) => ({ privateKey: await exportJwk(pair.privateKey), publicKey: await exportJwk(pair.publicKey) })),
  );
  await store.setSetting(SETTING, JSON.stringify(stored));
  return pairs;
}
