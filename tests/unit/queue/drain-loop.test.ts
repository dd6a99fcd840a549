import { EventEmitter } from "node:events";
import { expect, it } from "vitest";
import { DrainLoop } from "../../../lib/queue/drain-loop";

// The queue contract covers the loop through both real queues; this covers what no database
// can be made to do on cue: a request for work that never comes back (a hung connection).
it("reports itself stalled when asking for work hangs, says when it was handling, and stop() does not wait for the hang", async () => {
  let calls = 0;
  const handled: number[] = [];
  const loop = new DrainLoop<number>({
    takeNext: () => (++calls === 1 ? 1 : calls === 2 ? undefined : new Promise<never>(() => {})),
    handle: async (n) => {
      expect(loop.status.handlingSince).not.toBeNull();
      handled.push(n);
    },
    release: () => {},
    wakeups: new EventEmitter(),
    pollMs: 50,
    backoffMs: [50, 100],
    onError: () => {},
    stallMs: 200,
  });
  const running = loop.run();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(handled).toEqual([1]);
  expect(loop.status).toMatchObject({ state: "running", handlingSince: null });
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(loop.status).toMatchObject({ state: "stalled", isAlive: true });
  const stoppedAt = Date.now();
  await loop.stop(200);
  expect(Date.now() - stoppedAt).toBeLessThan(2_000);
  void running;
});
