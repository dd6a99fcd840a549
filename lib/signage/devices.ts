import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { HttpError } from "../http/responses";
import { getRuntimePart } from "../runtime/registry";
import { getStore } from "../store";
import { getScreenConfig } from "./screens";
import type { EnrolledDevice } from "./types";

// Kiosk devices enrol: an operator adds a device to a screen in /admin and gets a
// secret, shown once, that the kiosk sends with every heartbeat. Only a hash of the
// secret is kept. A heartbeat without the right secret changes nothing anyone reads.

/** Devices an operator may enrol per screen. */
export const MAX_DEVICES_PER_SCREEN = 50;
/** Unenrolled names remembered (in this process) for the fleet view's "enrol it" message. */
export const MAX_UNENROLLED_NAMES = 20;

export const DEVICE_NAME_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const SECRET_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** Why a heartbeat was not believed; the message is the one sentence the kiosk logs. */
export class DeviceNotEnrolledError extends HttpError {
  override name = "DeviceNotEnrolledError";
}

function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Enrols a device for a screen; answers its secret, which is never stored and cannot be shown again. */
export async function enrolDevice(screen: string, device: string): Promise<{ screen: string; device: string; secret: string }> {
  await getScreenConfig(screen);
  if (!DEVICE_NAME_PATTERN.test(device)) throw new HttpError(400, "A device name is 1–64 characters of A–Z, a–z, 0–9, '.', '_' or '-'.");
  if ((await getStore().listDevices(screen)).length >= MAX_DEVICES_PER_SCREEN) {
    throw new HttpError(409, `Screen "${screen}" has ${MAX_DEVICES_PER_SCREEN} devices already; revoke one first.`);
  }
  // 32 random bytes: far beyond guessing, so one fast hash is enough to store it.
  const secret = randomBytes(32).toString("base64url");
  if (!(await getStore().enrolDevice(screen, device, hashSecret(secret)))) {
    throw new HttpError(409, `A device called "${device}" is enrolled for "${screen}" already; revoke it first to issue a new secret.`);
  }
  forgetUnenrolled(screen, device);
  return { screen, device, secret };
}

/** Revokes a device: its secret stops working and its last heartbeat is forgotten. */
export async function revokeDevice(screen: string, device: string): Promise<void> {
  if (!(await getStore().revokeDevice(screen, device))) throw new HttpError(404, `No device "${device.slice(0, 64)}" is enrolled for "${screen.slice(0, 64)}".`);
}

/** The devices enrolled for a screen. */
export async function listEnrolledDevices(screen: string): Promise<EnrolledDevice[]> {
  await getScreenConfig(screen);
  return getStore().listDevices(screen);
}

/** The secret of `Authorization: Bearer <secret>`, or null. */
export function readDeviceSecret(request: Request): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get("authorization") ?? "");
  return match && SECRET_PATTERN.test(match[1]!) ? match[1]! : null;
}

/**
 * Throws 401 unless `device` is enrolled for `screen` and `secret` is its secret.
 * An unenrolled name is remembered for the fleet view's message.
 */
export async function authenticateDevice(screen: string, device: string, secret: string | null): Promise<void> {
  const stored = await getStore().getDeviceSecretHash(screen, device);
  if (stored === null) {
    rememberUnenrolled(screen, device);
    throw new DeviceNotEnrolledError(401, `Device "${device}" is not enrolled for screen "${screen}": add it under Screens in /admin and give the kiosk the secret shown there (CRIER_DEVICE_SECRET).`);
  }
  const given = Buffer.from(hashSecret(secret ?? ""));
  if (secret === null || !timingSafeEqual(given, Buffer.from(stored))) {
    throw new DeviceNotEnrolledError(401, `The secret for device "${device}" is missing or wrong: set CRIER_DEVICE_SECRET to the secret /admin showed when the device was added.`);
  }
}

/** screen NUL device → when last heard; insertion order is recency, oldest first. */
function getUnenrolled(): Map<string, number> {
  return getRuntimePart("unenrolled-devices", () => new Map<string, number>());
}

function rememberUnenrolled(screen: string, device: string): void {
  const names = getUnenrolled();
  const key = `${screen}\u0000${device}`;
  names.delete(key);
  names.set(key, Date.now());
  while (names.size > MAX_UNENROLLED_NAMES) names.delete(names.keys().next().value!);
}

function forgetUnenrolled(screen: string, device: string): void {
  getUnenrolled().delete(`${screen}\u0000${device}`);
}

/** Names that recently sent heartbeats to a screen without being enrolled, most recent first. */
export function listUnenrolledNames(screen: string): string[] {
  return [...getUnenrolled().keys()]
    .reverse()
    .map((key) => key.split("\u0000") as [string, string])
    .filter(([name]) => name === screen)
    .map(([, device]) => device);
}
