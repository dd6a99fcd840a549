import { getLogger } from "@logtape/logtape";
import { describe, expect, it } from "vitest";
import type { Announcement } from "../../../lib/announcements/types";
import { PrerenderQueue } from "../../../lib/background/prerender-queue";
import { EventBus } from "../../../lib/events/bus";

const announcement = (id: string) => ({ id, uri: `https://council.example/notes/${id}` }) as Announcement;

/** A queue whose renders wait until released, recording what happened. */
function makeQueue(maxBacklog: number) {
  const rendered: string[] = [];
  const deleted: string[] = [];
  const updated: string[] = [];
  const releases: (() => void)[] = [];
  let aborted = 0;
  const queue = new PrerenderQueue({
    what: "test renderings",
    maxBacklog,
    logger: getLogger(["crier", "test"]),
    work: {
      render: (item, signal) => new Promise<void>((resolve, reject) => {
        signal.addEventListener("abort", () => (aborted++, reject(new Error("stopped"))), { once: true });
        releases.push(() => (rendered.push(item.id), resolve()));
      }),
      onUpdated: (item) => void updated.push(item.id),
      onDeleted: (id) => void deleted.push(id),
    },
  });
  return { queue, rendered, deleted, updated, releases, aborted: () => aborted };
}

describe("PrerenderQueue", () => {
  it("holds at most its backlog, counts the rest as skipped, and takes more once work finishes", async () => {
    const bus = new EventBus();
    const { queue, rendered, releases } = makeQueue(2);
    queue.start(bus);
    queue.start(bus); // once only: a second start must not render everything twice
    for (const id of ["a", "b", "c", "d"]) bus.publish({ type: "announcement.created", announcement: announcement(id) });
    expect(queue.backlog).toBe(2);
    expect(queue.skipped).toBe(2);
    releases.splice(0).forEach((release) => release());
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(queue.backlog).toBe(0);
    bus.publish({ type: "announcement.updated", announcement: announcement("e") });
    expect(queue.backlog).toBe(1);
    expect(rendered).toEqual(["a", "b"]);
  });

  it("tidies edits and deletions at once, even with the backlog full", () => {
    const bus = new EventBus();
    const { queue, deleted, updated } = makeQueue(1);
    queue.start(bus);
    bus.publish({ type: "announcement.created", announcement: announcement("a") });
    bus.publish({ type: "announcement.updated", announcement: announcement("b") });
    bus.publish({ type: "announcement.deleted", id: "c", uri: "https://council.example/notes/c" });
    expect(updated).toEqual(["b"]);
    expect(deleted).toEqual(["c"]);
    expect(queue.skipped).toBe(1);
  });

  it("stop() tells running work to give up, settles it, and stops following the bus", async () => {
    const bus = new EventBus();
    const { queue, aborted } = makeQueue(5);
    queue.start(bus);
    bus.publish({ type: "announcement.created", announcement: announcement("a") });
    bus.publish({ type: "announcement.created", announcement: announcement("b") });
    await queue.stop();
    expect(aborted()).toBe(2);
    expect(queue.backlog).toBe(0);
    bus.publish({ type: "announcement.created", announcement: announcement("c") });
    expect(queue.backlog).toBe(0);
    expect(queue.skipped).toBe(0);
    queue.start(bus); // a stopped queue stays stopped
    bus.publish({ type: "announcement.created", announcement: announcement("d") });
    expect(queue.backlog).toBe(0);
  });
});
