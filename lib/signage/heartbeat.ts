import { z } from "zod";
import { HttpError } from "../http/responses";
import { getStore } from "../store";
import { authenticateDevice, DEVICE_NAME_PATTERN, MAX_DEVICES_PER_SCREEN, readDeviceSecret } from "./devices";
import { getScreenConfig } from "./screens";
import { SCREEN_STATES, type ScreenHeartbeat } from "./types";

export { DEVICE_NAME_PATTERN, MAX_DEVICES_PER_SCREEN };
/** Largest heartbeat body accepted. */
export const MAX_HEARTBEAT_BYTES = 4096;
/** A device not heard from for this long counts as offline. */
export const ONLINE_WINDOW_MS = 2 * 60_000;

const heartbeatBody = z.strictObject({
  device: z.string().regex(DEVICE_NAME_PATTERN, "device must be 1–64 characters of A–Z, a–z, 0–9, '.', '_' or '-'"),
  showing: z.string().max(64).regex(/^[A-Za-z0-9_-]+$/, "showing must be an announcement id").nullable(),
  state: z.enum(SCREEN_STATES, `state must be one of ${SCREEN_STATES.join(", ")}`),
});

/**
 * Reads a heartbeat and, when it comes from an enrolled device with its secret
 * (`Authorization: Bearer`), records it; answers whether the device should reload.
 * Anything else is refused with 401 before it touches what the fleet view and the
 * watchdog read, or the device's reload request.
 */
export async function receiveHeartbeat(screen: string, request: Request): Promise<{ reload: boolean }> {
  await getScreenConfig(screen);
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_HEARTBEAT_BYTES) throw new HttpError(413, `A heartbeat is at most ${MAX_HEARTBEAT_BYTES} bytes.`);
  const text = await readLimited(request, MAX_HEARTBEAT_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Send JSON like {"device":"lobby-pi","showing":null,"state":"rotating"}.');
  }
  const parsed = heartbeatBody.safeParse(json);
  if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? "Invalid heartbeat.");
  await authenticateDevice(screen, parsed.data.device, readDeviceSecret(request));
  const heartbeat: ScreenHeartbeat = { screen, ...parsed.data, lastSeen: new Date().toISOString() };
  return getStore().recordHeartbeat(heartbeat, MAX_DEVICES_PER_SCREEN);
}

/** An enrolled device's last heartbeat, for its kiosk watchdog (which sends the device's secret); `lastSeen` null when never heard from. */
export async function describeDevice(screen: string, device: string | null, secret: string | null) {
  await getScreenConfig(screen);
  if (!device || !DEVICE_NAME_PATTERN.test(device)) throw new HttpError(400, "Add ?device=NAME (1–64 characters of A–Z, a–z, 0–9, '.', '_' or '-').");
  await authenticateDevice(screen, device, secret);
  const heartbeat = await getStore().getHeartbeat(screen, device);
  return {
    screen, device, lastSeen: heartbeat?.lastSeen ?? null, showing: heartbeat?.showing ?? null, state: heartbeat?.state ?? null,
    isOnline: heartbeat ? isOnline(heartbeat.lastSeen) : false,
  };
}

/** Whether a device seen at `lastSeen` counts as online now. */
export function isOnline(lastSeen: string, nowMs = Date.now()): boolean {
  return nowMs - Date.parse(lastSeen) < ONLINE_WINDOW_MS;
}

async function readLimited(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new HttpError(413, `A heartbeat is at most ${maxBytes} bytes.`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
