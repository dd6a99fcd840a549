import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { MediaFormat, MediaWidth } from "../announcements/media-paths";

// Pictures are kept as files under DATA_DIR/media/<announcement id>/: the original as
// fetched once (<hash>.source), each copy made from it (<hash>-<width>.<format>), and
// a note when the picture could not be had (<hash>.failed, its reason inside). A
// delete removes the announcement's folder; an edit removes the pictures it dropped.

/** The folder of one announcement's pictures. */
export function getAnnouncementMediaDir(mediaDir: string, announcementId: string): string {
  // Ids are ours, but never let one climb out of the cache folder.
  return path.join(mediaDir, announcementId.replace(/[^A-Za-z0-9_-]/g, "_"));
}

/** Where a picture's original, one of its copies, or its failure note is kept. */
export function getMediaFile(mediaDir: string, announcementId: string, hash: string, kind: "source" | "failed" | { width: MediaWidth; format: MediaFormat }): string {
  const name = typeof kind === "string" ? `${hash}.${kind}` : `${hash}-${kind.width}.${kind.format}`;
  return path.join(getAnnouncementMediaDir(mediaDir, announcementId), name);
}

/** The file's bytes, or null when it is not there. */
export async function readMediaFile(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch {
    return null;
  }
}

/** Writes atomically (temp file, then rename), so a reader never sees half a picture. */
export async function writeMediaFile(file: string, bytes: Uint8Array): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
}

/** Removes every picture of an announcement (it was deleted or hidden); returns its folder. */
export async function removeAnnouncementMedia(mediaDir: string, announcementId: string): Promise<string> {
  const dir = getAnnouncementMediaDir(mediaDir, announcementId);
  await rm(dir, { recursive: true, force: true });
  return dir;
}

/** Removes the pictures an edit dropped (every file whose hash is not in `keptHashes`); returns the files removed. */
export async function removeDroppedMedia(mediaDir: string, announcementId: string, keptHashes: Set<string>): Promise<string[]> {
  const dir = getAnnouncementMediaDir(mediaDir, announcementId);
  const files = await readdir(dir).catch(() => [] as string[]);
  const dropped = files.filter((file) => !keptHashes.has(file.slice(0, 16))).map((file) => path.join(dir, file));
  await Promise.all(dropped.map((file) => rm(file, { force: true })));
  return dropped;
}
