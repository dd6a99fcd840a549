import type { MessageQueueEnqueueOptions } from "@fedify/fedify";

/** The clocks of a queue; tests shorten them, production uses the defaults. */
export interface QueueTimings {
  /** How long a worker owns a message before another may take it over (a crashed worker's lease runs out); renewed every third of it while a task runs. */
  leaseMs: number;
  /** How often an idle worker looks for due messages without being woken. */
  pollMs: number;
  /** After an error taking work, the first wait and the longest (doubling in between). */
  backoffMs: readonly [first: number, max: number];
}

// One lease for both backends: short, so another worker (or the next start) takes over a dead
// worker's task within 30 s; a task that stalls the event loop longer may run twice (handlers are idempotent).
export const DEFAULT_QUEUE_TIMINGS: QueueTimings = { leaseMs: 30_000, pollMs: 2_000, backoffMs: [1_000, 15_000] };

/** The delay Fedify asks for, in whole milliseconds (never negative). */
export function getDelayMs(delay: MessageQueueEnqueueOptions["delay"]): number {
  return delay ? Math.max(0, Math.round(delay.total({ unit: "millisecond" }))) : 0;
}
