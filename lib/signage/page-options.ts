/** What the signage page's URL may say: ?kiosk=1, ?device=NAME, ?listen=off, ?listenKey=KEY, and the test-only ?speed=N. */
export interface SignagePageOptions {
  isKiosk: boolean;
  device: string | null;
  speed: number;
  /** Whether the slide can be heard (the Listen control and key); ?listen=off turns it off for this screen's device. */
  isListenEnabled: boolean;
  /** The KeyboardEvent.key that plays the slide (a USB button sends one), default Enter. */
  listenKey: string;
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
    isListenEnabled: first("listen") !== "off" && first("listen") !== "0",
    listenKey: /^[\w ]{1,20}$/.test(first("listenKey") ?? "") ? first("listenKey")! : "Enter",
  };
}
