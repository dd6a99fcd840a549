"use client";

import { useEffect, useState } from "react";

const DEVICE_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** The device's name for heartbeats: ?device=NAME, else a random id kept in localStorage. */
export function useDeviceName(screen: string, fromUrl: string | null): string | null {
  const [device, setDevice] = useState<string | null>(fromUrl && DEVICE_PATTERN.test(fromUrl) ? fromUrl : null);
  useEffect(() => {
    if (device) return;
    const key = "crier-signage-device";
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(key);
      if (!stored || !DEVICE_PATTERN.test(stored)) {
        stored = `screen-${crypto.getRandomValues(new Uint32Array(2)).reduce((text, n) => text + n.toString(36), "")}`.slice(0, 64);
        localStorage.setItem(key, stored);
      }
    } catch {
      stored = `screen-${Math.random().toString(36).slice(2, 12)}`;
    }
    setDevice(stored);
  }, [device, screen]);
  return device;
}
