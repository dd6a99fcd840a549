import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killProcesses, startLauncher, type RunningLauncher } from "./helpers/kiosk-launcher";
import { makeTempDir, startApp, waitFor, type App } from "./helpers/processes";

// The real kiosk/crier-kiosk with Debian's Chromium (headless) against the built app:
// an enrolled kiosk, given its secret as a setting, shows in the fleet view and its
// watchdog reads its heartbeats; a kiosk that was never enrolled is told so in its log
// (and named in the fleet view), and its watchdog leaves Chromium alone.

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
// Longer than the page's 30 s between heartbeats, so a live page never looks stale.
const HEARTBEAT_STALE = 40;

let app: App;
const cleanups: (() => Promise<void> | void)[] = [];

function startKiosk(device: string, secret: string | null): RunningLauncher {
  const dir = makeTempDir("kiosk-enrolled");
  const launcher = startLauncher({
    CRIER_KIOSK_ENV_FILE: path.join(dir, "none.env"),
    CRIER_URL: app.url,
    CRIER_SCREEN: "default",
    CRIER_DEVICE: device,
    ...(secret ? { CRIER_DEVICE_SECRET: secret } : {}),
    HEADLESS: "1",
    CHROMIUM,
    PROFILE_DIR: path.join(dir, "state"),
    WATCHDOG_INTERVAL: "1",
    HEARTBEAT_STALE: String(HEARTBEAT_STALE),
    RELOAD_AT: "off",
    LOW_MEMORY: "on",
  });
  cleanups.push(async () => {
    if (launcher.isRunning()) launcher.signal("SIGTERM");
    await Promise.race([launcher.exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    killProcesses(`--user-data-dir=${path.join(dir, "state")}/chromium`);
    rmSync(dir, { recursive: true, force: true });
  });
  return launcher;
}

async function fleetEntry() {
  const { items } = await (await app.api("GET", "/api/admin/screens")).json();
  return items.find((screen: { name: string }) => screen.name === "default");
}

beforeAll(async () => {
  if (hasChromium) app = await startApp();
});

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await app?.stop();
});

describe.skipIf(!hasChromium)("kiosk launcher against the built app", () => {
  it("an enrolled kiosk works end to end; an unenrolled one is told why in its log and the fleet view", async () => {
    const { secret } = await (await app.api("POST", "/api/admin/screens/default/devices", { device: "lobby-pi" })).json();
    const enrolled = startKiosk("lobby-pi", secret);
    const unenrolled = startKiosk("hall-pi", null);

    await waitFor(async () => (await fleetEntry()).devices.find((device: { device: string; isOnline: boolean }) => device.device === "lobby-pi" && device.isOnline), 30_000, enrolled.output, 250);
    expect((await fleetEntry()).devices[0]).toMatchObject({ device: "lobby-pi", state: expect.stringMatching(/rotating|closed/) });
    expect(enrolled.output()).not.toContain(secret); // the log shows the page address without its fragment
    await waitFor(async () => (await fleetEntry()).unenrolled.includes("hall-pi"), 30_000, unenrolled.output, 250);
    expect(unenrolled.output()).toContain("CRIER_DEVICE_SECRET is unset");

    // Once the watchdog starts checking: the enrolled kiosk's page is alive; the other is refused, with the reason.
    await waitFor(async () => enrolled.output().includes("heartbeat check: the page is alive"), (HEARTBEAT_STALE + 20) * 1000, enrolled.output, 500);
    await waitFor(async () => unenrolled.output().includes("the server refuses this device's heartbeats (401)"), 30_000, unenrolled.output, 500);
    expect(unenrolled.output()).toContain('Device "hall-pi" is not enrolled for screen "default": add it under Screens in /admin');
    for (const launcher of [enrolled, unenrolled]) {
      expect(launcher.browserPids(), launcher.output()).toHaveLength(1);
      expect(launcher.output()).not.toMatch(/page hangs|no heartbeat from this device|Chromium exited/);
    }
    expect((await fleetEntry()).devices.map((device: { device: string }) => device.device)).toEqual(["lobby-pi"]);
  }, 120_000);
});
