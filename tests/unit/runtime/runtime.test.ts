import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The same runtime the server starts, in this process, on a fresh SQLite DATA_DIR.
const dataDir = mkdtempSync(path.join(tmpdir(), "crier-runtime-"));
Object.assign(process.env, { DATA_DIR: dataDir, DATABASE_URL: "", ADMIN_TOKEN: "runtime-test-token-0123456789", PUBLIC_URL: "http://127.0.0.1:9", QUEUE_WORKER: "true" });
const { getRuntime, startRuntime, stopRuntime } = await import("../../../lib/runtime");
const { getStore } = await import("../../../lib/store");
const { getEventBus } = await import("../../../lib/events/bus");
const { RuntimeStoppedError } = await import("../../../lib/runtime/registry");

/** The parts start-up must build, in this order (others, such as caches, come between them as they are needed). */
const ORDER = ["env", "logging", "network-guards", "admin-token", "database", "event-bus", "federation", "slide-pool", "speech-pool", "slide-prerenderer", "speech-prerenderer", "show-until-timer", "queue-worker"];

afterAll(() => stopRuntime());

describe("the runtime", () => {
  it("builds env, logging, network guards, database, event bus, federation, renderers and queue worker in that order, once", async () => {
    const runtime = await startRuntime();
    expect(await startRuntime()).toBe(runtime);
    expect(runtime).toBe(getRuntime());
    expect(runtime.partNames.filter((name) => ORDER.includes(name))).toEqual(ORDER);
    // The accessors hand out the runtime's parts: what callers use is what will be stopped.
    expect(await getStore().getSetting("runtime-test")).toBeNull();
    expect(getEventBus()).toBe(runtime.part("event-bus", () => null));
  });

  it("stops newest first within 10 s, closes the database, and a second stop is the same stop", async () => {
    const runtime = getRuntime();
    const started = Date.now();
    const stopping = stopRuntime();
    expect(stopRuntime()).toBe(stopping);
    const reports = await stopping;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(reports.map((report) => report.name)).toEqual(["cap-poller", "follow-checks", "queue-worker", "show-until-timer", "cap-watch", "media-prerenderer", "speech-prerenderer", "slide-prerenderer", "speech-pool", "slide-pool", "event-bus", "database"]);
    expect(reports.every((report) => report.outcome === "stopped")).toBe(true);
    expect(runtime.signal.aborted).toBe(true);
    await expect(getStore().getSetting("runtime-test")).rejects.toThrow(/not open/);
    expect(await stopRuntime()).toBe(reports);
    expect(() => runtime.part("something-new", () => 1)).toThrow(RuntimeStoppedError);
  });
});
