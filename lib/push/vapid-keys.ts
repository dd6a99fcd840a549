import { getCrierLogger } from "../log";
import { getStore } from "../store";
import { generateVapidKeys, type VapidKeys } from "./web-push-crypto";

const SETTING = "push.vapid-keys";
const logger = getCrierLogger("push");

/**
 * The VAPID key pair: made on first start and kept in the store. Read from the store
 * on each use (one small read per push batch) rather than cached, so when two
 * instances start on a new database together, both use whichever write landed last.
 */
export async function getVapidKeys(): Promise<VapidKeys> {
  const store = getStore();
  const stored = await store.getSetting(SETTING);
  if (stored) return JSON.parse(stored) as VapidKeys;
  await store.setSetting(SETTING, JSON.stringify(generateVapidKeys()));
  logger.info("Made the VAPID key pair for Web Push.");
  return JSON.parse((await store.getSetting(SETTING))!) as VapidKeys;
}
