import { Temporal } from "@js-temporal/polyfill";
import { getEnv } from "../env";
import { getCrierLogger } from "../log";
import { registerCrierTask, type CrierTask } from "../queue/crier-tasks";
import { getBackend, getStore } from "../store";
import { getVapidKeys } from "./vapid-keys";
import { encryptPushPayload, vapidAuthorization } from "./web-push-crypto";

// Sends each emergency, and its cancellation, to every resident's push subscription,
// through the durable queue: one fan-out task per message (enqueued by the one
// instance that recorded the CAP message), then one task per subscription, so each
// delivery is claimed by one instance and a failed one is retried with backoff.

const logger = getCrierLogger("push");
/** Tries per delivery (the first, then after 2, 4, 8 and 16 s). */
const MAX_ATTEMPTS = 5;
/** How long a push service keeps a message for a device that is offline. */
const TTL_SECONDS = 24 * 60 * 60;
const BATCH = 500;

/** What the service worker shows: the notification in the post's language. */
export interface PushMessage {
  kind: "emergency" | "cancel";
  announcementId: string;
  title: string;
  body: string;
  url: string;
  lang: string;
}

interface FanOutTask extends CrierTask {
  type: "crier.push.fanout";
  message: PushMessage;
}

interface SendTask extends CrierTask {
  type: "crier.push.send";
  subscriptionId: string;
  message: PushMessage;
  attempt: number;
}

/** Queues a message for every subscription (the fan-out itself runs on the queue too). */
export async function queuePushMessage(message: PushMessage): Promise<void> {
  await getBackend().queue.enqueue({ type: "crier.push.fanout", message } satisfies FanOutTask);
}

/** Registers the push tasks with the queue (the runtime does this before the worker starts), and makes the VAPID keys if there are none. */
export async function startPushDelivery(): Promise<void> {
  registerCrierTask("crier.push.fanout", (task) => fanOut(task as FanOutTask));
  registerCrierTask("crier.push.send", (task) => send(task as SendTask));
  await getVapidKeys();
}

async function fanOut({ message }: FanOutTask): Promise<void> {
  const subscriptions = await getStore().push.listSubscriptions();
  for (let start = 0; start < subscriptions.length; start += BATCH) {
    const tasks = subscriptions.slice(start, start + BATCH).map((subscription): SendTask => ({ type: "crier.push.send", subscriptionId: subscription.id, message, attempt: 1 }));
    await getBackend().queue.enqueueMany!(tasks);
  }
  logger.info("Queued the {kind} push for {id} to {count} subscriptions.", { kind: message.kind, id: message.announcementId, count: subscriptions.length });
}

async function send(task: SendTask): Promise<void> {
  const subscription = await getStore().push.getSubscription(task.subscriptionId);
  if (!subscription) return;
  const keys = await getVapidKeys();
  const body = encryptPushPayload(Buffer.from(JSON.stringify(task.message)), Buffer.from(subscription.p256dh, "base64url"), Buffer.from(subscription.auth, "base64url"));
  let status: number;
  try {
    const response = await fetch(subscription.endpoint, {
      method: "POST",
      headers: {
        authorization: vapidAuthorization(subscription.endpoint, keys, getEnv().publicUrl),
        "content-encoding": "aes128gcm",
        "content-type": "application/octet-stream",
        ttl: String(TTL_SECONDS),
        urgency: "high",
      },
      body: new Uint8Array(body),
      redirect: "manual",
    });
    status = response.status;
    await response.body?.cancel().catch(() => {});
  } catch (error) {
    logger.warn("Push to {endpoint} failed: {error}", { endpoint: subscription.endpoint, error: (error as Error).message });
    status = 0;
  }
  if (status >= 200 && status < 300) return;
  if (status === 404 || status === 410) {
    // The resident unsubscribed, or the browser dropped the subscription.
    await getStore().push.deleteSubscription(subscription.endpoint);
    logger.info("Dropped the push subscription {id}: its push service answered {status}.", { id: subscription.id, status });
    return;
  }
  if ((status === 0 || status === 429 || status >= 500) && task.attempt < MAX_ATTEMPTS) {
    const delay = Temporal.Duration.from({ milliseconds: 1000 * 2 ** task.attempt });
    await getBackend().queue.enqueue({ ...task, attempt: task.attempt + 1 } satisfies SendTask, { delay });
    return;
  }
  logger.warn("Gave up the {kind} push for {id} to subscription {subscription}: {status}.", { kind: task.message.kind, id: task.message.announcementId, subscription: subscription.id, status });
}
