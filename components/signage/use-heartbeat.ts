"use client";

import { useEffect, useRef } from "react";
import type { ScreenState } from "@/lib/signage/types";

const HEARTBEAT_MS = 30_000;

/**
 * Tells the server every 30 s (and at start) that this device is alive and what it
 * shows; reloads the page when the operator asked for it in /admin.
 */
export function useHeartbeat(screen: string, device: string | null, showing: string | null, state: ScreenState): void {
  const latest = useRef({ showing, state });
  latest.current = { showing, state };
  useEffect(() => {
    if (!device) return;
    let isStopped = false;
    const beat = async () => {
      try {
        const response = await fetch(`/api/signage/${encodeURIComponent(screen)}/heartbeat`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ device, ...latest.current }),
        });
        if (response.ok && ((await response.json()) as { reload?: boolean }).reload && !isStopped) window.location.reload();
      } catch {
        // Offline: the next beat tries again.
      }
    };
    void beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => {
      isStopped = true;
      clearInterval(timer);
    };
  }, [screen, device]);
}
