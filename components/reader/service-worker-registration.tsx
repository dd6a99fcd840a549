"use client";

import { useEffect } from "react";

/** Registers /sw.js, which keeps the last pages read available offline. Reading never needs it. */
export function ServiceWorkerRegistration() {
  useEffect(() => {
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("/sw.js").catch(() => {});
  }, []);
  return null;
}
