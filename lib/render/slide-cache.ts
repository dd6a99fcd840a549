import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { SlideContent } from "./slide-content";
import type { SlideOptions } from "./slide-themes";

// Slides are cached as files under DATA_DIR/slides/<announcement id>/, named by a hash
// of everything they show plus the size, variant and theme. An edit changes the hash;
// a delete removes the announcement's folder.

/** Bump when the layout or renderer changes, so cached images are redrawn. */
const RENDER_VERSION = "3";

/** A hash of everything a slide shows (not its size): an edit changes it. */
export function getContentHash(content: SlideContent): string {
  return createHash("sha256").update(JSON.stringify([RENDER_VERSION, content])).digest("hex").slice(0, 24);
}

/** Names one rendering: content hash, size, variant and theme. Also the slide's ETag (known before rendering). */
export function getSlideName(content: SlideContent, options: SlideOptions): string {
  return `${getContentHash(content)}-${options.width}x${options.height}-${options.variant}-${options.theme}`;
}

/** Where a slide is cached. */
export function getSlidePath(slidesDir: string, content: SlideContent, options: SlideOptions): string {
  return path.join(getAnnouncementDir(slidesDir, content.id), `${getSlideName(content, options)}.png`);
}

/** The cached bytes, or null. */
export async function readCachedSlide(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch {
    return null;
  }
}

/** Writes atomically (temp file, then rename), so a reader never sees half a PNG. */
export async function writeCachedSlide(file: string, png: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, png);
  await rename(temporary, file);
}

/** Removes every cached slide of an announcement (it was deleted or hidden); returns its folder. */
export async function removeCachedSlides(slidesDir: string, announcementId: string): Promise<string> {
  const dir = getAnnouncementDir(slidesDir, announcementId);
  await rm(dir, { recursive: true, force: true });
  return dir;
}

/** Removes an announcement's slides of older content (after an edit); returns the files removed. */
export async function removeStaleSlides(slidesDir: string, content: SlideContent): Promise<string[]> {
  const dir = getAnnouncementDir(slidesDir, content.id);
  const current = getContentHash(content);
  const files = await readdir(dir).catch(() => [] as string[]);
  const stale = files.filter((file) => !file.startsWith(`${current}-`)).map((file) => path.join(dir, file));
  await Promise.all(stale.map((file) => rm(file, { force: true })));
  return stale;
}

function getAnnouncementDir(slidesDir: string, announcementId: string): string {
  // Ids are ours, but never let one climb out of the cache folder.
  return path.join(slidesDir, announcementId.replace(/[^A-Za-z0-9_-]/g, "_"));
}
