import { getEventBus } from "../events/bus";
import { getCrierLogger } from "../log";
import { syncCapAlerts, type CapSyncSummary } from "./cap-alerts";

// CAP messages (and the pushes that go with Alerts and Cancels) are recorded when
// emergencies change, not only when someone reads /cap: an announcement event, here or
// relayed from another instance, that can change them (an emergency, or a change to one
// with an open alert, or anything while screens have emergency lists of their own)
// brings a sync soon after; a slow timer catches alerts that expire with nothing
// happening. Ordinary posts cost nothing more, however many arrive.

const logger = getCrierLogger("cap");
const SETTLE_MS = 50;
const EXPIRY_CHECK_MS = 30_000;

export interface CapWatch {
  stop(): Promise<void>;
}

/** Starts watching announcement events; the runtime stops it. */
export function startCapWatch(): CapWatch {
  let pending: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let seen: CapSyncSummary = { openIds: new Set(), hasScreenLists: true };
  const sync = () => {
    pending = undefined;
    running = syncCapAlerts()
      .then((summary) => (seen = summary))
      .catch((error) => logger.error("Could not publish CAP messages: {error}", { error }));
  };
  const soon = () => {
    pending ??= setTimeout(sync, SETTLE_MS);
  };
  const unsubscribe = getEventBus().subscribe((event) => {
    // A screen's own emergency lists may have changed what takes it over.
    if (event.type === "screen.changed") {
      if (!event.reload) soon();
      return;
    }
    const id = event.type === "announcement.deleted" ? event.id : event.announcement.id;
    const isEmergency = event.type !== "announcement.deleted" && event.announcement.priority === "emergency";
    if (isEmergency || seen.openIds.has(id) || seen.hasScreenLists) soon();
  });
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
