import { readdirSync, readFileSync } from "node:fs";
import { stripTypeScriptTypes } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The demo council, the benchmarks and the test helpers run their .ts files on plain
// Node (type stripping, no build), and they import lib/. Node refuses TypeScript that
// needs more than stripping (parameter properties, enums, namespaces): one such line in
// lib/ broke `npm run bench` unnoticed, because Next and vitest compile it fine.

const ROOT = path.resolve(import.meta.dirname, "../../..");
const FOLDERS = ["lib", "tests", "kiosk"];

function listTypeScript(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules" && entry.name !== "fixtures") found.push(...listTypeScript(full));
    else if (entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) found.push(full);
  }
  return found;
}

describe("TypeScript that plain Node runs", () => {
  const files = FOLDERS.flatMap((folder) => {
    try {
      return listTypeScript(path.join(ROOT, folder));
    } catch {
      return [];
    }
  });

  it("finds the files", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it("needs nothing beyond type stripping in lib/, tests/ and kiosk/", () => {
    const refused: string[] = [];
    for (const file of files) {
      try {
        stripTypeScriptTypes(readFileSync(file, "utf8"), { mode: "strip" });
      } catch (error) {
        refused.push(`${path.relative(ROOT, file)}: ${(error as Error).message.split("\n")[0]}`);
      }
    }
    expect(refused).toEqual([]);
  });
});
