import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// One write path (STYLE.md habit 14): the module that stores a change is the one that
// announces it: announcements in lib/changes, screens' settings and reload requests in
// lib/signage/screens.ts. A second caller of EventBus.publish is how a write path that
// forgets to announce (or announces twice) starts.

const ROOT = path.resolve(import.meta.dirname, "../../..");

function filesMatching(pattern: string): string[] {
  let output = "";
  try {
    output = execFileSync("git", ["grep", "--untracked", "-lE", pattern, "--", "lib", "app", "pages", "components", "kiosk", "instrumentation.ts"], { cwd: ROOT, encoding: "utf8" });
  } catch (error) {
    if ((error as { status?: number }).status === 1) return [];
    throw error;
  }
  return output.trim().split("\n").filter(Boolean).sort();
}

describe("the write path", () => {
  it("is the only caller of publish( besides the event bus itself, with the screens' own", () => {
    expect(filesMatching("\\.publish\\(")).toEqual(["lib/changes/announcement-changes.ts", "lib/signage/screens.ts"]);
  });

  it("writes screens' settings and reload requests in one module", () => {
    const writers = filesMatching("\\.(putScreen|deleteScreen|requestReload)\\(");
    expect(writers.filter((file) => !file.startsWith("lib/store/"))).toEqual(["lib/signage/screens.ts"]);
  });

  it("is the only module outside the store that calls the store's announcement writes", () => {
    const writers = filesMatching("\\.(putAnnouncement|deleteAnnouncement|hideAnnouncementsOfAccount|hideAnnouncedBy)\\(");
    expect(writers.filter((file) => !file.startsWith("lib/store/"))).toEqual(["lib/changes/announcement-changes.ts"]);
  });
});
