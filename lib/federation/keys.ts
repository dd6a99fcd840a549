import { exportJwk, generateCryptoKeyPair, importJwk } from "@fedify/fedify";
import { getRuntime } from "../runtime/registry";
import type { Store } from "../store";

const SETTING = "federation.actorKeys";

interface StoredKeyPair {
  privateKey: JsonWebKey;
  publicKey: JsonWebKey;
}

// In the runtime: Next may bundle this module twice, and two generations would race.
const PART = "actor-keys";

/**
 * The service actor's key pairs, RSA first (it signs HTTP requests) then Ed25519,
 * generated once and kept in the store: regenerating them would break every
 * remote server's cached copy of our keys.
 */
export function getActorKeyPairs(store: Store): Promise<CryptoKeyPair[]> {
  // A holder, so a failed load can be forgotten and tried again on the next call.
  const holder = getRuntime().part(PART, () => ({ pairs: null as Promise<CryptoKeyPair[]> | null }));
  holder.pairs ??= loadOrCreateKeyPairs(store).catch((error) => {
    holder.pairs = null;
    throw error;
  });
  return holder.pairs;
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
