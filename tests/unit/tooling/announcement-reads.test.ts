import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every reader (routes, pages, feeds, signage, slides, speech) goes through
// lib/announcements/announcement-reader.ts, whose cache every announcement event
// empties. A route that called the store itself would bypass that cache (and what
// it will come to enforce), so this keeps the store's announcement reads to the read
// module and to the code that writes or announces changes.

const ROOT = path.resolve(import.meta.dirname, "../../..");

/** Outside lib/store, the only files that may call the store's announcement reads, and why. */
const ALLOWED = new Set([
  "lib/announcements/announcement-reader.ts", // the read API
  "lib/changes/announcement-changes.ts", // the write path: compares with what is stored
  "lib/changes/emergency-list-changes.ts", // the write path for the emergency lists: which priorities a change flipped
  "lib/federation/deletion-check.ts", // asks a post's server only about a post Crier keeps
  "lib/events/postgres-relay.ts", // the event bus: rebuilds another instance's event
]);

describe("reading announcements", () => {
  it("goes through the read API: nothing else calls the store's announcement reads", () => {
    const output = execFileSync(
      "git",
      ["grep", "--untracked", "-nE", "\\.\\s*(getAnnouncement|getAnnouncementByUri|listAnnouncements)\\(", "--", "lib", "app", "pages", "components", "instrumentation.ts", ":!lib/store"],
      { cwd: ROOT, encoding: "utf8" },
    );
    const callers = new Set(output.trim().split("\n").map((line) => line.split(":")[0]!));
    expect([...callers].filter((file) => !ALLOWED.has(file))).toEqual([]);
    // The read API really is one of them: the pattern still finds what it looks for.
    expect(callers).toContain("lib/announcements/announcement-reader.ts");
  });
});
