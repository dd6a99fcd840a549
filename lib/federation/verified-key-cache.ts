import type { KeyCache } from "@fedify/fedify";
import { CryptographicKey, Multikey } from "@fedify/vocab";
import { Temporal } from "@js-temporal/polyfill";
import { getBackend } from "../store";

// Public keys already fetched, for the signature check at the inbox edge, kept the way
// Fedify's own inbox keeps them: in the database's key-value store (so they survive a
// restart, are shared by instances, and verify a delivery while the sender's server is
// briefly failing), with the parsed key in memory in front. Fedify fetches a key again
// by itself when a cached one fails to verify, so rotated keys still work. Keys that
// could not be fetched are not remembered.

const PREFIX = ["crier", "verifiedKey"] as const;
const TTL = Temporal.Duration.from({ days: 30 });
const MAX_IN_MEMORY = 2_000;

type Key = CryptographicKey | Multikey;
interface StoredKey {
  type: "CryptographicKey" | "Multikey";
  json: unknown;
}

const parsed = new Map<string, Key>();

function remember(keyId: string, key: Key): void {
  parsed.delete(keyId);
  parsed.set(keyId, key);
  if (parsed.size > MAX_IN_MEMORY) parsed.delete(parsed.keys().next().value!);
}

/** A persistent cache of verified senders' public keys (30 days; refetched by Fedify when one fails to verify). */
export const verifiedKeyCache: KeyCache = {
  async get(keyId) {
    const inMemory = parsed.get(keyId.href);
    if (inMemory) return inMemory;
    const stored = (await getBackend().kv.get([...PREFIX, keyId.href])) as StoredKey | undefined;
    if (!stored) return undefined;
    try {
      const key = stored.type === "Multikey" ? await Multikey.fromJsonLd(stored.json) : await CryptographicKey.fromJsonLd(stored.json);
      remember(keyId.href, key);
      return key;
    } catch {
      return undefined;
    }
  },
  async set(keyId, key) {
    parsed.delete(keyId.href);
    if (key === null) return;
    remember(keyId.href, key);
    const stored: StoredKey = { type: key instanceof Multikey ? "Multikey" : "CryptographicKey", json: await key.toJsonLd({ format: "compact" }) };
    await getBackend().kv.set([...PREFIX, keyId.href], stored, { ttl: TTL });
  },
};
