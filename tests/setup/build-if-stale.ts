// Builds the app (`next build`) unless .next holds a build of exactly the current
// sources: a hash of every build input is stored beside the build and compared. A hash,
// not modification times, so switching branches back and forth does not rebuild for
// nothing, and an edit that keeps an old mtime is still seen.
// Usage: node tests/setup/build-if-stale.ts [--force]
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
// Everything `next build` reads from the project (node_modules is covered by the lock file).
const BUILD_INPUTS = [
  "app", "components", "lib", "pages", "public", "instrumentation.ts", "next.config.ts",
  "tsconfig.json", "package.json", "package-lock.json",
];
const HASH_FILE = path.join(ROOT, ".next", "crier-sources.sha256");

function listFiles(relative: string): string[] {
  const absolute = path.join(ROOT, relative);
  if (!existsSync(absolute)) return [];
  if (!statSync(absolute).isDirectory()) return [relative];
  return readdirSync(absolute).sort().flatMap((name) => listFiles(path.join(relative, name)));
}

function hashBuildInputs(): string {
  const hash = createHash("sha256");
  for (const file of BUILD_INPUTS.flatMap(listFiles)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(ROOT, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

function isCurrent(sources: string): boolean {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID")) || !existsSync(HASH_FILE)) return false;
  return readFileSync(HASH_FILE, "utf8").trim() === sources;
}

const sources = hashBuildInputs();
if (!process.argv.includes("--force") && isCurrent(sources)) {
  console.log("== the build in .next is current (same sources); not rebuilding");
} else {
  const started = Date.now();
  const build = spawnSync(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], { cwd: ROOT, stdio: "inherit" });
  if (build.status !== 0) {
    console.error(`next build failed (exit code ${build.status ?? build.signal}); fix the errors above and run again.`);
    process.exit(1);
  }
  // Written only after a successful build: after a failed one the stored hash (if any) no longer matches.
  writeFileSync(HASH_FILE, `${sources}\n`);
  console.log(`== built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
