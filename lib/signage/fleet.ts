import { getStore } from "../store";
import { listUnenrolledNames } from "./devices";
import { isOnline } from "./heartbeat";
import { listScreenConfigs } from "./screens";
import type { FleetScreen } from "./types";

/**
 * Every screen with its enrolled devices (each with its last heartbeat, online when
 * seen in the last 2 minutes), and the names that recently sent heartbeats without being enrolled.
 */
export async function listFleet(nowMs = Date.now()): Promise<FleetScreen[]> {
  const [screens, devices, heartbeats] = await Promise.all([listScreenConfigs(), getStore().listDevices(), getStore().listHeartbeats()]);
  return screens.map((screen) => ({
    ...screen,
    devices: devices
      .filter((enrolled) => enrolled.screen === screen.name)
      .map((enrolled) => {
        const beat = heartbeats.find((candidate) => candidate.screen === screen.name && candidate.device === enrolled.device);
        return {
          ...enrolled,
          lastSeen: beat?.lastSeen ?? null,
          showing: beat?.showing ?? null,
          state: beat?.state ?? null,
          isOnline: beat ? isOnline(beat.lastSeen, nowMs) : false,
        };
      }),
    unenrolled: listUnenrolledNames(screen.name),
  }));
}
