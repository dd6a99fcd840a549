import { SendActivityError, type Context, type MessageQueue, type MessageQueueEnqueueOptions, type MessageQueueListenOptions } from "@fedify/fedify";
import { Follow, type Activity } from "@fedify/vocab";
import { convertActivity } from "../announcements/from-activity-streams";
import { getEnv } from "../env";
import { getCrierLogger } from "../log";
import { getStore } from "../store";

// What happens to Crier's Follow and Undo(Follow) on their way to the followed
// account's inbox: Fedify delivers them from the queue and retries failures; this
// tells the operator how that is going, and keeps a retried, older Undo from
// cancelling a newer Follow (WordPress and Mastodon match an Undo by the account
// pair, not by the Follow's id).

const logger = getCrierLogger("following");
const FAILURES_KEY = "follow-delivery-failures:";

/** Follows whose delivery attempt in this process failed (Fedify calls onOutboxError inside the attempt). */
const failedAttempts = new Set<string>();

/** Why a delivery failed, in words an operator can act on. */
export function describeDeliveryFailure(error: Error): string {
  if (error instanceof SendActivityError) {
    const body = readErrorMessage(error.responseBody).replace(/\s+/g, " ").trim().slice(0, 160);
    return `the server refused the request: ${error.statusCode}${body ? ` ${body}` : ""}`;
  }
  return `the server could not be reached: ${error.message}`;
}

/** Servers often answer `{"error": "…"}`: the sentence reads better than the JSON. */
function readErrorMessage(body: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed === "object" && parsed !== null && "error" in parsed && typeof parsed.error === "string") return parsed.error;
  } catch {
    // Not JSON: the text itself.
  }
  return body;
}

/** The pending subscription a Follow belongs to, while that Follow is its current one. */
async function findPendingFollow(followId: string) {
  const subscription = await getStore().findSubscriptionByFollowId(followId);
  return subscription?.state === "pending" && subscription.followId === followId ? subscription : null;
}

/**
 * Fedify's onOutboxError, called for every failed attempt: a Follow not delivered yet
 * says why on its subscription (still `pending`), and `error` once the retries are spent.
 */
export async function onDeliveryFailed(error: Error, activity: Activity | null): Promise<void> {
  if (!(activity instanceof Follow) || !activity.id) return;
  const followId = activity.id.href;
  failedAttempts.add(followId);
  const subscription = await findPendingFollow(followId);
  if (!subscription) return;
  const store = getStore();
  const failures = Number((await store.getSetting(FAILURES_KEY + followId)) ?? 0) + 1;
  const why = describeDeliveryFailure(error);
  const attempts = getEnv().deliveryRetries + 1;
  if (failures >= attempts) {
    await store.setSetting(FAILURES_KEY + followId, "0");
    await store.updateSubscription(subscription.id, { state: "error", reason: `The follow request could not be delivered in ${failures} attempts: ${why}.` });
    logger.warn("Gave up following {handle}: {why}", { handle: subscription.handle, why });
    return;
  }
  await store.setSetting(FAILURES_KEY + followId, String(failures));
  await store.updateSubscription(subscription.id, { reason: `The follow request was not delivered (attempt ${failures} of ${attempts}): ${why}. Trying again.` });
}

/** Fedify's permanent-failure handler (404, 410: the inbox is gone): no retry will help. */
export async function onDeliveryGivenUp(_ctx: Context<void>, { activity, error }: { activity: Activity; error: SendActivityError }): Promise<void> {
  if (!(activity instanceof Follow) || !activity.id) return;
  const subscription = await findPendingFollow(activity.id.href);
  if (!subscription) return;
  await getStore().updateSubscription(subscription.id, {
    state: "error",
    reason: `The follow request was refused for good: ${describeDeliveryFailure(error)}.`,
  });
}

/** A Follow reached the inbox (2xx, often 202 Accepted): the account has it and may approve it by hand. */
async function onFollowDelivered(followId: string): Promise<void> {
  const subscription = await findPendingFollow(followId);
  if (!subscription) return;
  await getStore().setSetting(FAILURES_KEY + followId, "0");
  await getStore().updateSubscription(subscription.id, { reason: "The account's server has the follow request: waiting for the account to approve it." });
}

/**
 * An Undo(Follow) whose Follow is no longer the account's current one: Crier has
 * followed it again since, and the old Undo (retried late) would cancel the new follow.
 */
async function isSupersededUndo(activity: unknown): Promise<boolean> {
  const undo = convertActivity(activity);
  if (undo.kind !== "undo" || undo.innerType !== "Follow" || !undo.activityUri) return false;
  const subscription = await getStore().findSubscriptionByActor(undo.objectUri);
  if (!subscription?.followId || subscription.followId === undo.activityUri) return false;
  return subscription.state === "pending" || subscription.state === "accepted";
}

function readOutboxMessage(message: unknown): { activity: unknown; activityId: string | null } | null {
  if (typeof message !== "object" || message === null) return null;
  const { type, activity, activityId } = message as { type?: unknown; activity?: unknown; activityId?: unknown };
  return type === "outbox" ? { activity, activityId: typeof activityId === "string" ? activityId : null } : null;
}

/**
 * The queue Fedify works, watched on its way to the handler: an outdated Undo(Follow) is
 * dropped before delivery, and a delivered Follow is noted on its subscription.
 */
export class FollowDeliveryWatch implements MessageQueue {
  readonly #inner: MessageQueue;

  constructor(inner: MessageQueue) {
    this.#inner = inner;
  }

  get nativeRetrial(): boolean | undefined {
    return this.#inner.nativeRetrial;
  }

  enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    return this.#inner.enqueue(message, options);
  }

  enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    return this.#inner.enqueueMany ? this.#inner.enqueueMany(messages, options) : Promise.all(messages.map((message) => this.#inner.enqueue(message, options))).then(() => {});
  }

  getDepth() {
    return this.#inner.getDepth!();
  }

  listen(handler: (message: unknown) => Promise<void> | void, options?: MessageQueueListenOptions): Promise<void> {
    return this.#inner.listen(async (message) => {
      const outbox = readOutboxMessage(message);
      if (outbox && (await isSupersededUndo(outbox.activity))) {
        logger.info("Dropped an outdated Undo(Follow) {id}: Crier has followed the account again since.", { id: outbox.activityId });
        return;
      }
      await handler(message);
      if (!outbox?.activityId || convertActivity(outbox.activity).kind !== "follow") return;
      if (failedAttempts.delete(outbox.activityId)) return;
      await onFollowDelivered(outbox.activityId);
    }, options);
  }
}
