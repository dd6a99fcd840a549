import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../../..");

// Every process-wide object lives in the runtime's one globalThis slot (lib/runtime/registry.ts),
// so it is built in order and stopped on shutdown. The exceptions hook Node's own
// process-wide machinery, which outlives any runtime: the HTTP server's diagnostics
// channel, undici's dispatcher and the global fetch.
const PROCESS_HOOKS = [
  "lib/runtime/registry.ts", // the slot itself
  "lib/http/client-address.ts", // the nonce of the peer-address header the diagnostics channel adds
  "lib/http/connection-guard.ts", // undici's global dispatcher, and the guard's settings it reads
  "lib/http/remote-fetch-limits.ts", // the global fetch before the limits wrapped it
];

describe("one runtime", () => {
  it("keeps process-wide state in the runtime, not in hand-made globals", () => {
    const output = execFileSync("git", ["grep", "--untracked", "-l", "Symbol.for(", "--", "lib", "app", "pages", "components", "instrumentation.ts"], { cwd: ROOT, encoding: "utf8" });
    const files = output.trim().split("\n").filter(Boolean);
    expect(files.filter((file) => !PROCESS_HOOKS.includes(file))).toEqual([]);
  });
});
