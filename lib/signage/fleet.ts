import { DEFAULT_SLIDE_OPTIONS } from "../render/slide-themes";
import { getStore } from "../store";
import { listUnenrolledNames } from "./devices";
import { isOnline } from "./heartbeat";
import { getCurrentSlide } from "./screen-slides";
import { listScreenConfigs } from "./screens";
import type { FleetScreen } from "./types";

/**
 * Every screen with its enrolled devices (each with its last heartbeat, online when
 * seen in the last 2 minutes), the names that recently sent heartbeats without being
 * enrolled, and the slide its rotation shows now (what current.png draws).
 */
export async function listFleet(nowMs = Date.now()): Promise<FleetScreen[]> {
  const [screens, devices, heartbeats] = await Promise.all([listScreenConfigs(), getStore().listDevices(), getStore().listHeartbeats()]);
  const showing = await Promise.all(screens.map(async (screen) => (await getCurrentSlide(screen.name, DEFAULT_SLIDE_OPTIONS, nowMs))?.item.title ?? null));
  return screens.map((screen, index) => ({
    ...screen,
    showingNow: showing[index]!,
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
