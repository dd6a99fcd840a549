"use client";

import { useCallback, useEffect, useRef } from "react";
import type { ScreenState } from "@/lib/signage/types";

const HEARTBEAT_MS = 30_000;

/**
 * Tells the server every 30 s (and at start) that this device is alive and what it
 * shows; reloads the page when the answer says the operator asked for it in /admin.
 * Answers a function that sends a heartbeat now (the live stream says when an operator
 * asked this screen's devices to reload). An enrolled device's secret comes in the
 * address's fragment (#secret=…, which the kiosk launcher adds and which is never sent
 * to the server with the page request).
 */
export function useHeartbeat(screen: string, device: string | null, showing: string | null, state: ScreenState): () => void {
  const latest = useRef({ showing, state });
  latest.current = { showing, state };
  const beatNow = useRef(() => {});
  useEffect(() => {
    if (!device) return;
    let isStopped = false;
    let hasWarned = false;
    const secret = new URLSearchParams(window.location.hash.slice(1)).get("secret");
    const beat = async () => {
      try {
        const response = await fetch(`/api/signage/${encodeURIComponent(screen)}/heartbeat`, {
          method: "POST",
          headers: { "content-type": "application/json", ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
          body: JSON.stringify({ device, ...latest.current }),
        });
        if (response.status === 401 && !hasWarned) {
          hasWarned = true; // the kiosk launcher's log says the same, once per watchdog check
          console.warn(((await response.json()) as { error?: string }).error);
        }
        if (response.ok && ((await response.json()) as { reload?: boolean }).reload && !isStopped) window.location.reload();
      } catch {
        // Offline: the next beat tries again.
      }
    };
    void beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    beatNow.current = () => void beat();
    return () => {
      isStopped = true;
      clearInterval(timer);
      beatNow.current = () => {};
    };
  }, [screen, device]);
  return useCallback(() => beatNow.current(), []);
}
