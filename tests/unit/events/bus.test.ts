import { describe, expect, it } from "vitest";
import { getEventBus } from "../../../lib/events/bus";

describe("event bus", () => {
  it("delivers events in order with rising sequence numbers, and replays what a client missed", () => {
    const bus = getEventBus();
    const received: number[] = [];
    const stop = bus.subscribe((event) => received.push(event.seq));
    const first = bus.publish({ type: "announcement.deleted", id: "a", uri: "https://x.example/1" });
    const second = bus.publish({ type: "announcement.deleted", id: "b", uri: "https://x.example/2" });
    stop();
    bus.publish({ type: "announcement.deleted", id: "c", uri: "https://x.example/3" });
    expect(received).toEqual([first.seq, second.seq]);
    expect(second.seq).toBeGreaterThan(first.seq);
    expect(bus.replayAfter(first.seq)?.map((event) => (event as { id: string }).id)).toEqual(["b", "c"]);
  });

  it("says a client is too far behind once its last event left the replay window", () => {
    const bus = getEventBus();
    const old = bus.publish({ type: "announcement.deleted", id: "old", uri: "https://x.example/old" });
    for (let index = 0; index < 600; index++) bus.publish({ type: "announcement.deleted", id: `n${index}`, uri: "https://x.example/n" });
    expect(bus.replayAfter(old.seq)).toBeNull();
  });
});
