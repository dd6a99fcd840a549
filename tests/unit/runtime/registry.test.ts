import { describe, expect, it } from "vitest";
import { Runtime, RuntimeStoppedError } from "../../../lib/runtime/registry";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Runtime", () => {
  it("builds each part once, stops them newest first, and stops only once however often asked", async () => {
    const runtime = new Runtime();
    const stopped: string[] = [];
    let builds = 0;
    for (const name of ["first", "second", "third"]) {
      runtime.part(name, () => (builds++, name), (value) => void stopped.push(value));
      runtime.part(name, () => (builds++, "again"));
    }
    expect(builds).toBe(3);
    expect(runtime.partNames).toEqual(["first", "second", "third"]);
    const first = runtime.stop();
    const second = runtime.stop();
    expect(second).toBe(first);
    expect(runtime.signal.aborted).toBe(true);
    expect((await first).map((report) => report.name)).toEqual(["third", "second", "first"]);
    await runtime.stop();
    expect(stopped).toEqual(["third", "second", "first"]);
  });

  it("puts a part that another part built while being built before it, so it outlives it", async () => {
    const runtime = new Runtime();
    const stopped: string[] = [];
    runtime.part("outer", () => runtime.part("inner", () => 1, () => void stopped.push("inner")), () => void stopped.push("outer"));
    expect(runtime.partNames).toEqual(["inner", "outer"]);
    await runtime.stop();
    expect(stopped).toEqual(["outer", "inner"]);
  });

  it("aborts its signal before any part stops, so long-lived work stops taking more first", async () => {
    const runtime = new Runtime();
    let wasAbortedWhenStopped: boolean | null = null;
    runtime.part("worker", () => null, () => void (wasAbortedWhenStopped = runtime.signal.aborted));
    await runtime.stop();
    expect(wasAbortedWhenStopped).toBe(true);
  });

  it("keeps to its budget: a part that hangs or fails is reported and the older parts still stop", async () => {
    const runtime = new Runtime();
    const stopped: string[] = [];
    runtime.part("database", () => null, () => void stopped.push("database"));
    runtime.part("broken", () => null, () => Promise.reject(new Error("could not stop")));
    runtime.part("hung", () => null, () => new Promise<void>(() => {}));
    const started = Date.now();
    const reports = await runtime.stop(300);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(reports.map(({ name, outcome }) => [name, outcome])).toEqual([["hung", "timed out"], ["broken", "failed"], ["database", "stopped"]]);
    expect(stopped).toEqual(["database"]);
  });

  it("refuses to build a new part once stopping has begun, and still hands out the built ones", async () => {
    const runtime = new Runtime();
    runtime.part("store", () => "the store", async () => void (await sleep(10)));
    const stopping = runtime.stop();
    expect(() => runtime.part("late", () => 1)).toThrow(RuntimeStoppedError);
    expect(runtime.part("store", () => "another")).toBe("the store");
    await stopping;
    expect(runtime.has("late")).toBe(false);
  });
});
