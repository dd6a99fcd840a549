import { readdirSync, rmSync, statSync, utimes } from "node:fs";
import path from "node:path";
import { getRuntimePart } from "../runtime/registry";

// A byte budget over a cache directory (DATA_DIR/slides, DATA_DIR/audio): every file
// written is counted, and past the budget the least recently used files go. Use is
// kept in memory in order (a Map re-inserted on each use) and mirrored to each file's
// modification time, at most once a minute, so a restart starts from the same order.
// Each instance has a DATA_DIR of its own (README), so one process owns each index.

const TOUCH_INTERVAL_MS = 60_000;

interface Entry { size: number; touchedMs: number }

/** A cache directory's files in least-recently-used order, held within `maxBytes`. */
export class FileBudget {
  readonly #dir: string;
  readonly #maxBytes: number;
  #entries: Map<string, Entry> | null = null;
  #totalBytes = 0;
  #evicted = 0;

  constructor(dir: string, maxBytes: number) {
    this.#dir = dir;
    this.#maxBytes = maxBytes;
  }

  /** Bytes counted now. */
  get totalBytes(): number {
    this.#load();
    return this.#totalBytes;
  }

  /** Files removed to keep within the budget since start. */
  get evicted(): number {
    return this.#evicted;
  }

  /** Counts a file just written (or rewritten) as the newest, then removes the oldest past the budget; the new file always stays. */
  recordWrite(file: string, size: number): void {
    const entries = this.#load();
    this.#remove(file);
    entries.set(file, { size, touchedMs: Date.now() });
    this.#totalBytes += size;
    for (const [oldest] of entries) {
      if (this.#totalBytes <= this.#maxBytes || oldest === file) break;
      rmSync(oldest, { force: true });
      this.#remove(oldest);
      this.#evicted++;
    }
  }

  /** Marks a cached file as just used (a hit), so it goes last. */
  recordRead(file: string): void {
    const entries = this.#load();
    const entry = entries.get(file);
    if (!entry) return;
    entries.delete(file);
    entries.set(file, entry);
    const now = Date.now();
    if (now - entry.touchedMs < TOUCH_INTERVAL_MS) return;
    entry.touchedMs = now;
    utimes(file, new Date(now), new Date(now), () => undefined);
  }

  /** Stops counting files removed by other means (a deleted announcement): every file whose path starts with `prefix`. */
  forget(prefix: string): void {
    for (const file of [...this.#load().keys()]) if (file.startsWith(prefix)) this.#remove(file);
  }

  #remove(file: string): void {
    const entry = this.#entries?.get(file);
    if (!entry) return;
    this.#entries!.delete(file);
    this.#totalBytes -= entry.size;
  }

  /** Reads what is on disk once, oldest modification first. */
  #load(): Map<string, Entry> {
    if (this.#entries) return this.#entries;
    const found = listFiles(this.#dir).sort((a, b) => a.touchedMs - b.touchedMs);
    this.#entries = new Map(found.map(({ file, size, touchedMs }) => [file, { size, touchedMs }]));
    this.#totalBytes = found.reduce((total, { size }) => total + size, 0);
    return this.#entries;
  }
}

/** Files in a cache directory and one level of subdirectories (slides are kept per announcement); temporary files are left out. */
function listFiles(dir: string, depth = 0): { file: string; size: number; touchedMs: number }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const file = path.join(dir, name);
    try {
      const stats = statSync(file);
      if (stats.isDirectory()) return depth === 0 ? listFiles(file, 1) : [];
      return stats.isFile() && !name.endsWith(".tmp") ? [{ file, size: stats.size, touchedMs: stats.mtimeMs }] : [];
    } catch {
      return [];
    }
  });
}

/** The process-wide budget of a cache directory (in the runtime: Next may bundle this module more than once). */
export function getFileBudget(dir: string, maxBytes: number): FileBudget {
  const budgets = getRuntimePart("file-budgets", () => new Map<string, FileBudget>());
  let budget = budgets.get(dir);
  if (!budget) {
    budget = new FileBudget(dir, maxBytes);
    budgets.set(dir, budget);
  }
  return budget;
}
