"use client";

import { useEffect } from "react";

/** Registers /signage-sw.js (scope /signage/), which keeps the page, its code, fonts, the last feed and pictures for when the server is down. */
export function SignageServiceWorker() {
  useEffect(() => {
    if ("serviceWorker" in navigator) navigator.serviceWorker.register("/signage-sw.js", { scope: "/signage/" }).catch(() => {});
  }, []);
  return null;
}
