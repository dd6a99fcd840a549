import { existsSync, mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FileBudget } from "@/lib/cache/file-budget";

// Real files in a temporary folder: the budget removes the least recently used.

function makeDir(): string {
  return mkdtempSync(path.join(tmpdir(), "crier-budget-"));
}

function write(dir: string, name: string, bytes: number, budget?: FileBudget): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, Buffer.alloc(bytes));
  budget?.recordWrite(file, bytes);
  return file;
}

describe("FileBudget", () => {
  it("removes the least recently used files past the budget; a read counts as use; the newest always stays", () => {
    const dir = makeDir();
    const budget = new FileBudget(dir, 300);
    const a = write(dir, "x/a.png", 100, budget);
    const b = write(dir, "x/b.png", 100, budget);
    const c = write(dir, "y/c.png", 100, budget);
    budget.recordRead(a); // a is now newer than b
    const d = write(dir, "y/d.png", 100, budget);
    expect([a, b, c, d].map((file) => existsSync(file))).toEqual([true, false, true, true]);
    expect(budget.totalBytes).toBe(300);
    expect(budget.evicted).toBe(1);
    const big = write(dir, "z/big.png", 1000, budget);
    expect([a, c, d, big].map((file) => existsSync(file))).toEqual([false, false, false, true]);
    expect(budget.totalBytes).toBe(1000);
  });

  it("counts what is already on disk at start, oldest modification first, and forgets files removed by others", () => {
    const dir = makeDir();
    const old = write(dir, "1/old.png", 100);
    const recent = write(dir, "2/recent.png", 100);
    write(dir, "2/partial.png.123.tmp", 100);
    utimesSync(old, new Date(1_000_000), new Date(1_000_000));
    const budget = new FileBudget(dir, 250);
    expect(budget.totalBytes).toBe(200);
    budget.forget(`${path.join(dir, "2")}${path.sep}`);
    expect(budget.totalBytes).toBe(100);
    write(dir, "3/new.png", 100, budget);
    expect(existsSync(old)).toBe(true);
    write(dir, "3/newer.png", 100, budget);
    expect(existsSync(old)).toBe(false);
    expect(existsSync(recent)).toBe(true); // forgotten: no longer this budget's to remove
  });
});
