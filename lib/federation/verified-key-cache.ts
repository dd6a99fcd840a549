import type { KeyCache } from "@fedify/fedify";
import type { CryptographicKey, Multikey } from "@fedify/vocab";

// Public keys already fetched and parsed, for the signature check at the inbox edge.
// Without it every delivery would parse its sender's whole actor document again
// (JSON-LD expansion of a dozen terms) to find one key. Fedify refetches a key by
// itself when a cached one fails to verify, so rotated keys still work. Keys that
// could not be fetched are not remembered: that is the sender's transient problem.

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 2_000;

const entries = new Map<string, { key: CryptographicKey | Multikey; storedAt: number }>();

/** A bounded in-process cache of verified senders' public keys (10 minutes, 2,000 keys). */
export const verifiedKeyCache: KeyCache = {
  async get(keyId) {
    const entry = entries.get(keyId.href);
    if (!entry) return undefined;
    if (Date.now() - entry.storedAt > TTL_MS) {
      entries.delete(keyId.href);
      return undefined;
    }
    return entry.key;
  },
  async set(keyId, key) {
    entries.delete(keyId.href);
    if (key === null) return;
    entries.set(keyId.href, { key, storedAt: Date.now() });
    if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  },
};
