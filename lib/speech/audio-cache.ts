import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { getFileBudget } from "../cache/file-budget";
import { getEnv } from "../env";

// Audio files live in DATA_DIR/audio as {announcement id}.{content hash}.mp3: the hash
// changes when the spoken text, voice or pipeline does, and the id prefix lets a
// delete remove every version without the announcement (it is gone by then). The
// folder is held within AUDIO_CACHE_BYTES, least recently used out: evicted audio is
// made again when next asked for.

const SAFE_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** The audio cache directory under a data directory (created on first use). */
export function getAudioDir(dataDir: string): string {
  const dir = path.join(dataDir, "audio");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Whether an id can name a cache file (ids are ours, but never trust a path segment). */
export function isSafeAudioId(id: string): boolean {
  return SAFE_ID.test(id);
}

/** The byte budget of an audio cache directory. */
export function getAudioCacheBudget(dir: string) {
  return getFileBudget(dir, getEnv().audioCacheBytes);
}

function getAudioPath(dir: string, id: string, hash: string): string {
  if (!isSafeAudioId(id) || !isSafeAudioId(hash)) throw new Error(`Not a safe audio cache name: ${id}.${hash}`);
  return path.join(dir, `${id}.${hash}.mp3`);
}

/** The size of a cached file in bytes, or null when it is not cached. */
export function getCachedAudioSize(dir: string, id: string, hash: string): number | null {
  try {
    const file = getAudioPath(dir, id, hash);
    const { size } = statSync(file);
    getAudioCacheBudget(dir).recordRead(file);
    return size;
  } catch {
    return null;
  }
}

/** The bytes of a cached file, or null. */
export async function readCachedAudio(dir: string, id: string, hash: string): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    return new Uint8Array(await readFile(getAudioPath(dir, id, hash)));
  } catch {
    return null;
  }
}

/** Writes audio atomically (temp file, then rename) and removes the announcement's older versions. */
export function writeCachedAudio(dir: string, id: string, hash: string, mp3: Uint8Array): void {
  const target = getAudioPath(dir, id, hash);
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, mp3);
  renameSync(temporary, target);
  removeCachedAudio(dir, id, hash);
  getAudioCacheBudget(dir).recordWrite(target, mp3.byteLength);
}

/** Removes every cached file of an announcement (except `keepHash`); returns how many went. */
export function removeCachedAudio(dir: string, id: string, keepHash?: string): number {
  if (!isSafeAudioId(id)) return 0;
  let removed = 0;
  for (const name of readdirSync(dir)) {
    if (!name.startsWith(`${id}.`) || name === `${id}.${keepHash}.mp3`) continue;
    rmSync(path.join(dir, name), { force: true });
    getAudioCacheBudget(dir).forget(path.join(dir, name));
    removed++;
  }
  return removed;
}
