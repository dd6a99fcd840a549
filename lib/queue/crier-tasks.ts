import type { MessageQueue } from "@fedify/fedify";
import { getCrierLogger } from "../log";
import { getRuntimePart } from "../runtime/registry";

// Crier's own durable tasks (Web Push deliveries) ride on the same queue as Fedify's,
// so they get the same leases, retries by re-enqueueing, and one claim per task across
// instances. The queue handed to Fedify routes them: a message whose `type` starts with
// "crier." goes to the handler registered for it, everything else to Fedify.

const logger = getCrierLogger("queue");

export interface CrierTask {
  type: `crier.${string}`;
}

type TaskHandler = (task: CrierTask) => Promise<void>;

function getHandlers(): Map<string, TaskHandler> {
  return getRuntimePart("crier-task-handlers", () => new Map<string, TaskHandler>());
}

/** Registers the handler of one task type (its module does, when the runtime builds it). */
export function registerCrierTask(type: CrierTask["type"], handler: TaskHandler): void {
  getHandlers().set(type, handler);
}

function isCrierTask(message: unknown): message is CrierTask {
  return typeof message === "object" && message !== null && typeof (message as { type?: unknown }).type === "string" && (message as { type: string }).type.startsWith("crier.");
}

/** The queue as Fedify should see it: Crier's tasks taken out of the stream and handled here. */
export function routeCrierTasks<Q extends MessageQueue>(queue: Q): MessageQueue {
  return {
    get nativeRetrial() {
      return queue.nativeRetrial;
    },
    enqueue: (message, options) => queue.enqueue(message, options),
    enqueueMany: queue.enqueueMany ? (messages, options) => queue.enqueueMany!(messages, options) : undefined,
    getDepth: queue.getDepth ? () => queue.getDepth!() : undefined,
    listen: (handler, options) =>
      queue.listen(async (message) => {
        if (!isCrierTask(message)) return handler(message);
        const own = getHandlers().get(message.type);
        if (!own) {
          logger.warn("Dropped a queued {type} task: nothing in this build handles it.", { type: message.type });
          return;
        }
        await own(message);
      }, options),
  };
}
