import { z } from "zod";
import { HttpError } from "../http/responses";
import { getStore } from "../store";
import { getScreenConfig } from "./screens";
import { SCREEN_STATES, type ScreenHeartbeat } from "./types";

/** Devices kept per screen (the most recently seen). */
export const MAX_DEVICES_PER_SCREEN = 50;
/** Largest heartbeat body accepted. */
export const MAX_HEARTBEAT_BYTES = 4096;
/** A device not heard from for this long counts as offline. */
export const ONLINE_WINDOW_MS = 2 * 60_000;

export const DEVICE_NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

const heartbeatBody = z.strictObject({
  device: z.string().regex(DEVICE_NAME_PATTERN, "device must be 1–64 characters of A–Z, a–z, 0–9, '.', '_' or '-'"),
  showing: z.string().max(64).regex(/^[A-Za-z0-9_-]+$/, "showing must be an announcement id").nullable(),
  state: z.enum(SCREEN_STATES, `state must be one of ${SCREEN_STATES.join(", ")}`),
});

/** Reads and records a heartbeat; answers whether the device should reload. */
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
  const heartbeat: ScreenHeartbeat = { screen, ...parsed.data, lastSeen: new Date().toISOString() };
  return getStore().recordHeartbeat(heartbeat, MAX_DEVICES_PER_SCREEN);
}

/** A device's last heartbeat, for the kiosk watchdog; `lastSeen` null when never heard from. */
export async function describeDevice(screen: string, device: string | null) {
  await getScreenConfig(screen);
  if (!device || !DEVICE_NAME_PATTERN.test(device)) throw new HttpError(400, "Add ?device=NAME (1–64 characters of A–Z, a–z, 0–9, '.', '_' or '-').");
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
