import { createHash } from "node:crypto";
import { getRuntimePart } from "../runtime/registry";
import { getBackend } from "../store";
import type { LexiconEntry } from "./lexicon";
import { getStarterLexicon } from "./lexicon-starter";

// The operators' lexicons, one record in the key-value store (SQLite or PostgreSQL, as
// the rest of the data): { [language]: entries }. A language nobody saved uses the
// starter set. Every speech plan reads a snapshot; this process re-reads the record at
// most every REFRESH_MS, so another instance's edit is heard within that time.

const KEY = ["crier", "speech", "lexicons"] as const;
const REFRESH_MS = 5_000;

type SavedLexicons = Record<string, LexiconEntry[]>;

/** What speech is planned with: the lexicons, and a digest that changes when any does. */
export interface LexiconSnapshot {
  entriesFor(language: string): LexiconEntry[];
  digest: string;
}

interface Cache {
  snapshot: Promise<LexiconSnapshot> | null;
  readAt: number;
}

function getCache(): Cache {
  return getRuntimePart("speech-lexicons", () => ({ snapshot: null, readAt: 0 }));
}

function toSnapshot(saved: SavedLexicons): LexiconSnapshot {
  const digest = createHash("sha256").update(JSON.stringify(saved)).digest("base64url").slice(0, 16);
  return { digest, entriesFor: (language) => saved[language] ?? getStarterLexicon(language) };
}

async function readSaved(): Promise<SavedLexicons> {
  const stored = await getBackend().kv.get<SavedLexicons>(KEY);
  return stored && typeof stored === "object" ? stored : {};
}

/** The lexicons as speech uses them now (cached for a few seconds). */
export function getLexiconSnapshot(): Promise<LexiconSnapshot> {
  const cache = getCache();
  if (!cache.snapshot || Date.now() - cache.readAt > REFRESH_MS) {
    const snapshot = readSaved().then(toSnapshot);
    snapshot.catch(() => {
      if (cache.snapshot === snapshot) cache.snapshot = null;
    });
    cache.snapshot = snapshot;
    cache.readAt = Date.now();
  }
  return cache.snapshot;
}

/** One language's lexicon: what an operator saved, else the starter set; `saved` says which. */
export async function readLexicon(language: string): Promise<{ entries: LexiconEntry[]; saved: boolean }> {
  const saved = await readSaved();
  return saved[language] ? { entries: saved[language]!, saved: true } : { entries: getStarterLexicon(language), saved: false };
}

/** Saves one language's lexicon (replacing it); speech planned from now on uses it. Returns the previous entries. */
export async function saveLexicon(language: string, entries: LexiconEntry[]): Promise<LexiconEntry[]> {
  const saved = await readSaved();
  const previous = saved[language] ?? getStarterLexicon(language);
  saved[language] = entries;
  await getBackend().kv.set(KEY, saved);
  const cache = getCache();
  cache.snapshot = Promise.resolve(toSnapshot(saved));
  cache.readAt = Date.now();
  return previous;
}
