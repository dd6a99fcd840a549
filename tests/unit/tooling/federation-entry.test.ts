import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Fedify runs with skipSignatureVerification because every delivery has passed
// checkDeliveryTrust in lib/federation/handle-request.ts first. That holds only while
// handle-request.ts is the one place that hands requests to federation.fetch.

const ROOT = path.resolve(import.meta.dirname, "../../..");

describe("the way into Fedify", () => {
  it("is handleFederationRequest alone: nothing else calls the federation's fetch", () => {
    const output = execFileSync("git", ["grep", "--untracked", "-nE", "(getFederation\\(\\)|federation)\\s*\\.\\s*fetch\\(", "--", "lib", "app", "pages", "components", "instrumentation.ts"], { cwd: ROOT, encoding: "utf8" });
    const callers = output.trim().split("\n").map((line) => line.split(":")[0]);
    expect(new Set(callers)).toEqual(new Set(["lib/federation/handle-request.ts"]));
  });

  it("checks every POST's trust before that call", async () => {
    const { readFileSync } = await import("node:fs");
    const source = readFileSync(path.join(ROOT, "lib/federation/handle-request.ts"), "utf8");
    expect(source.indexOf("checkDeliveryTrust(")).toBeGreaterThan(0);
    expect(source.indexOf("checkDeliveryTrust(")).toBeLessThan(source.indexOf("getFederation().fetch("));
  });
});
