/** What the signage page's URL may say: ?kiosk=1, ?device=NAME, and the test-only ?speed=N. */
export interface SignagePageOptions {
  isKiosk: boolean;
  device: string | null;
  speed: number;
}

/** Reads the signage page's query; anything invalid is ignored (a kiosk page must always come up). */
export function parseSignagePageOptions(query: Record<string, string | string[] | undefined>): SignagePageOptions {
  const first = (name: string) => {
    const value = query[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const device = first("device") ?? null;
  const speed = Number(first("speed") ?? 1);
  return {
    isKiosk: first("kiosk") === "1" || first("kiosk") === "true",
    device: device && /^[A-Za-z0-9._-]{1,64}$/.test(device) ? device : null,
    // Up to 1000× for the accelerated long-run test; slide time only, never the emergency expiry.
    speed: Number.isFinite(speed) && speed >= 1 && speed <= 1000 ? speed : 1,
  };
}
