import type { EventEmitter } from "node:events";

/**
 * The listening loop both queues share: take and handle messages until none is due,
 * then wait for an enqueue (the `wakeups` emitter's "enqueue" event, with its delay in
 * ms) or the poll interval, until `signal` aborts. A wake-up that arrives while a drain
 * runs makes that drain go round once more, so no message waits for the next poll.
 * Without `onError`, an error taking work ends the loop (and rejects).
 */
export async function runDrainLoop<Leased>(options: {
  takeNext: () => Promise<Leased | undefined> | Leased | undefined;
  handle: (leased: Leased) => Promise<void>;
  wakeups: EventEmitter;
  pollMs: number;
  signal?: AbortSignal;
  onError?: (error: unknown) => void;
}): Promise<void> {
  const { takeNext, handle, wakeups, pollMs, signal, onError } = options;
  let isDraining = false;
  let hasMissedWakeup = false;
  const drain = async () => {
    if (isDraining) {
      hasMissedWakeup = true;
      return;
    }
    isDraining = true;
    try {
      do {
        hasMissedWakeup = false;
        for (let leased = await takeNext(); leased && !signal?.aborted; leased = await takeNext()) {
          await handle(leased);
        }
      } while (hasMissedWakeup && !signal?.aborted);
    } catch (error) {
      if (!onError) throw error;
      onError(error);
    } finally {
      isDraining = false;
    }
  };
  const onEnqueue = (delayMs: number) => {
    setTimeout(() => void drain(), delayMs).unref?.();
  };
  wakeups.on("enqueue", onEnqueue);
  try {
    while (!signal?.aborted) {
      await drain();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        signal?.addEventListener("abort", () => {
          clearTimeout(timer);
          resolve();
        }, { once: true });
      });
    }
  } finally {
    wakeups.off("enqueue", onEnqueue);
  }
}
