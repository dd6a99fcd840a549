import { createExponentialBackoffPolicy, createFederation, type Federation } from "@fedify/fedify";
import { routeCrierTasks } from "../queue/crier-tasks";
import { getEnv } from "../env";
import { installNetworkGuards } from "../http/network-guards";
import { getCrierUserAgent } from "../http/user-agent";
import { configureLogging } from "../log";
import { getRuntimePart } from "../runtime/registry";
import { getBackend } from "../store";
import { registerActor } from "./actor";
import { limitFederationContexts } from "./context-limits";
import { FollowDeliveryWatch, onDeliveryFailed, onDeliveryGivenUp } from "./follow-deliveries";
import { registerInbox } from "./inbox";

export type CrierFederation = Federation<void>;

/**
 * The one Fedify federation object of this process, kept in the runtime because
 * Next bundles route handlers and instrumentation separately.
 */
export function getFederation(): CrierFederation {
  return getRuntimePart("federation", createCrierFederation);
}

function createCrierFederation(): CrierFederation {
  configureLogging();
  installNetworkGuards();
  const env = getEnv();
  const { kv, queue } = getBackend();
  const federation = createFederation<void>({
    kv,
    // Crier's own tasks (Web Push) share the queue; Fedify sees only its own, and the
    // follow-delivery watch sees Fedify's Follows and Undos on their way.
    queue: routeCrierTasks(new FollowDeliveryWatch(queue)),
    // Started by instrumentation.ts only in processes that should work the queue (QUEUE_WORKER).
    manuallyStartQueue: true,
    origin: env.publicUrl,
    allowPrivateAddress: env.allowPrivateAddress,
    // The same name as every other request (POSTs included, which Fedify leaves to fetch).
    userAgent: getCrierUserAgent(),
    // Every delivery has passed checkDeliveryTrust (lib/federation/delivery-trust.ts)
    // before handleFederationRequest, the only caller of federation.fetch, hands it
    // over: a stricter check of the same signature than Fedify's own (which trusts a
    // key document's owner claim), so Fedify does not verify it a second time.
    skipSignatureVerification: true,
    outboxRetryPolicy: createExponentialBackoffPolicy({
      maxAttempts: env.deliveryRetries,
      initialDelay: { milliseconds: env.deliveryRetryDelayMs },
    }),
    onOutboxError: onDeliveryFailed,
  });
  federation.setOutboxPermanentFailureHandler(onDeliveryGivenUp);
  limitFederationContexts(federation);
  registerActor(federation);
  registerInbox(federation);
  return federation;
}

/** A Fedify context outside a request (for following, backfill, sending). */
export function createFederationContext() {
  return getFederation().createContext(new URL(getEnv().publicUrl), undefined);
}
