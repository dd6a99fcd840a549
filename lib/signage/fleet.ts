import { getStore } from "../store";
import { isOnline } from "./heartbeat";
import { listScreenConfigs } from "./screens";
import type { FleetScreen } from "./types";

/** Every screen with the devices that sent it heartbeats, each online when seen in the last 2 minutes. */
export async function listFleet(nowMs = Date.now()): Promise<FleetScreen[]> {
  const [screens, heartbeats] = await Promise.all([listScreenConfigs(), getStore().listHeartbeats()]);
  return screens.map((screen) => ({
    ...screen,
    devices: heartbeats.filter((beat) => beat.screen === screen.name).map((beat) => ({ ...beat, isOnline: isOnline(beat.lastSeen, nowMs) })),
  }));
}
