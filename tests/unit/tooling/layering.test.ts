import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The layering of docs/architecture.md, checked on every import line: a rule that
// only lives in a document drifts (DESIGN.md said it; the code had wandered).

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Files under `paths` with an import line matching `pattern`. */
function importersOf(pattern: string, paths: string[]): string[] {
  try {
    const output = execFileSync("git", ["grep", "--untracked", "-lE", `^\\s*(import|export)\\b.*from ["']${pattern}`, "--", ...paths], { cwd: ROOT, encoding: "utf8" });
    return output.trim().split("\n").filter(Boolean).sort();
  } catch (error) {
    if ((error as { status?: number }).status === 1) return [];
    throw error;
  }
}

const FEDIFY = "@fedify/";
const LAYER = (name: string) => `[^"']*(lib/|\\.\\./|\\./)${name}(/|["'])`;

describe("what may import what (docs/architecture.md)", () => {
  it("Fedify is imported only by federation, and by the queue and key-value adapters it runs on", () => {
    const importers = importersOf(FEDIFY, ["lib", "app", "pages", "components"]);
    expect(importers.filter((file) => !/^lib\/(federation|queue)\//.test(file) && !/^lib\/store\/(index|postgres-kv-store)\.ts$/.test(file) && !/^lib\/runtime/.test(file))).toEqual([]);
  });

  it("components never reach the store, federation, the queue or the write path", () => {
    expect(importersOf(LAYER("(store|federation|queue|changes)"), ["components"])).toEqual([]);
  });

  it("renderers and readers never talk ActivityPub", () => {
    expect(importersOf(`(${FEDIFY}|${LAYER("federation")})`, ["lib/render", "lib/speech", "lib/feeds", "lib/signage", "lib/reader", "pages", "components"])).toEqual([]);
  });

  it("lib/announcements and the write path know nothing of Fedify or federation", () => {
    expect(importersOf(`(${FEDIFY}|${LAYER("federation")})`, ["lib/announcements", "lib/changes"])).toEqual([]);
  });

  it("app routes reach federation only through handle-request", () => {
    const output = execFileSync("git", ["grep", "--untracked", "-nE", `from ["']${LAYER("federation")}`, "--", "app", "pages"], { cwd: ROOT, encoding: "utf8" });
    const lines = output.trim().split("\n").filter((line) => !line.includes("federation/handle-request"));
    expect(lines).toEqual([]);
  });
});
