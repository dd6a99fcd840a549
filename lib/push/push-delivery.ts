import { createHash } from "node:crypto";
import { Temporal } from "@js-temporal/polyfill";
import { getEnv } from "../env";
import { getCrierLogger } from "../log";
import { registerCrierTask, type CrierTask } from "../queue/crier-tasks";
import { getBackend, getStore } from "../store";
import { getVapidKeys } from "./vapid-keys";
import { fitPushMessage, titleFor } from "./push-message";
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

/** What the service worker shows: the post's text in its language, under a title in the resident's (send() writes it). */
export interface PushMessage {
  kind: "emergency" | "cancel";
  announcementId: string;
  /** The alert's headline (or the account's name), after "Emergency: " or "Cancelled: ". */
  headline: string;
  title?: string;
  body: string;
  url: string;
  lang: string;
}

interface FanOutTask extends CrierTask {
  type: "crier.push.fanout";
  message: PushMessage;
  /** The last subscription id of the page before: each fan-out task queues one page, then the next page's task. */
  after?: string;
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

// One page per task: never every subscription in memory at once, and a fan-out cut short
// by a crash repeats at most one page (whose residents may then get it twice).
async function fanOut({ message, after }: FanOutTask): Promise<void> {
  const page = await getStore().push.listSubscriptions({ after, limit: BATCH });
  if (page.length === 0) return;
  await getBackend().queue.enqueueMany!(page.map((subscription): SendTask => ({ type: "crier.push.send", subscriptionId: subscription.id, message, attempt: 1 })));
  if (page.length === BATCH) await getBackend().queue.enqueue({ type: "crier.push.fanout", message, after: page.at(-1)!.id } satisfies FanOutTask);
  logger.info("Queued the {kind} push for {id} to {count} subscriptions.", { kind: message.kind, id: message.announcementId, count: page.length });
}

/** The push service keeps one message per topic for an offline device: a cancellation replaces its alert (RFC 8030 §5.4). */
function topicOf(announcementId: string): string {
  return createHash("sha256").update(announcementId).digest("base64url").slice(0, 32);
}

async function send(task: SendTask): Promise<void> {
  const subscription = await getStore().push.getSubscription(task.subscriptionId);
  if (!subscription) return;
  const keys = await getVapidKeys();
  const message = fitPushMessage({ ...task.message, title: titleFor(task.message, subscription.language) });
  const body = encryptPushPayload(Buffer.from(JSON.stringify(message)), Buffer.from(subscription.p256dh, "base64url"), Buffer.from(subscription.auth, "base64url"));
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
        topic: topicOf(task.message.announcementId),
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
