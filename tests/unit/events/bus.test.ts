import { describe, expect, it } from "vitest";
import { EventBus, getEventBus } from "../../../lib/events/bus";

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

describe("event bus across instances", () => {
  const deleted = (id: string) => ({ type: "announcement.deleted" as const, id, uri: `https://x.example/${id}` });

  /** Two buses wired as the PostgreSQL relay wires two instances: each passes what it publishes to the other. */
  function connectedPair() {
    const a = new EventBus();
    const b = new EventBus();
    a.setRelay((event) => b.receive(event), 1);
    b.setRelay((event) => a.receive(event), 2);
    return { a, b };
  }

  it("passes on what an instance publishes, once, under the same id, and never echoes it back", () => {
    const { a, b } = connectedPair();
    const onA: number[] = [];
    const onB: number[] = [];
    a.subscribe((event) => onA.push(event.seq));
    b.subscribe((event) => onB.push(event.seq));
    const first = a.publish(deleted("1"));
    const second = b.publish(deleted("2"));
    expect(onA).toEqual([first.seq, second.seq]);
    expect(onB).toEqual([first.seq, second.seq]);
  });

  it("gives ids that differ between instances and rise after an event seen from another", () => {
    const { a, b } = connectedPair();
    const ids = new Set<number>();
    for (let index = 0; index < 200; index++) {
      ids.add(a.publish(deleted(`a${index}`)).seq);
      ids.add(b.publish(deleted(`b${index}`)).seq);
    }
    expect(ids.size).toBe(400);
    const fromA = a.publish(deleted("late"));
    expect(b.publish(deleted("after")).seq).toBeGreaterThan(fromA.seq);
  });

  it("lets a client that saw an event on one instance resume on the other", () => {
    const { a, b } = connectedPair();
    const seen = a.publish(deleted("seen"));
    b.publish(deleted("missed-1"));
    a.publish(deleted("missed-2"));
    expect(b.replayAfter(seen.seq)?.map((event) => (event as { id: string }).id)).toEqual(["missed-1", "missed-2"]);
  });

  it("keeps the replay window in id order when a relayed event arrives late", () => {
    const bus = new EventBus();
    const local = bus.publish(deleted("local"));
    bus.receive({ ...deleted("earlier-elsewhere"), seq: local.seq - 1, at: new Date().toISOString() });
    expect(bus.replayAfter(local.seq - 2)?.map((event) => (event as { id: string }).id)).toEqual(["earlier-elsewhere", "local"]);
  });
});
