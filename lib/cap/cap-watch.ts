import { getEventBus } from "../events/bus";
import { getCrierLogger } from "../log";
import { syncCapAlerts } from "./cap-alerts";

// CAP messages (and the pushes that go with Alerts and Cancels) are recorded when
// emergencies change, not only when someone reads /cap: every announcement event, here
// or relayed from another instance, brings a sync soon after, and a slow timer catches
// alerts that expire with nothing happening.

const logger = getCrierLogger("cap");
const SETTLE_MS = 50;
const EXPIRY_CHECK_MS = 30_000;

export interface CapWatch {
  stop(): Promise<void>;
}

/** Starts watching announcement events; the runtime stops it. */
export function startCapWatch(): CapWatch {
  let pending: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const sync = () => {
    pending = undefined;
    running = syncCapAlerts().catch((error) => logger.error("Could not publish CAP messages: {error}", { error }));
  };
  const soon = () => {
    pending ??= setTimeout(sync, SETTLE_MS);
  };
  const unsubscribe = getEventBus().subscribe(soon);
  const timer = setInterval(sync, EXPIRY_CHECK_MS).unref();
  soon();
  return {
    async stop() {
      unsubscribe();
      clearInterval(timer);
      clearTimeout(pending);
      await running;
    },
  };
}
