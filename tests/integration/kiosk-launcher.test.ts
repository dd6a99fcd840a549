import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { commandLine, findProcesses, findProcessGroup, killProcesses, startLauncher, type RunningLauncher } from "./helpers/kiosk-launcher";
import { getFreePort, makeTempDir, waitFor } from "./helpers/processes";
import { startSignageStandIn, type SignageStandIn } from "./helpers/signage-stand-in";

// Runs the real kiosk/crier-kiosk with Debian's Chromium (headless) against a real HTTP
// server on 127.0.0.1 that stands in for Crier's signage routes, and checks that it waits
// for the server, recovers from a killed browser and from a hung page, sits out a server
// outage, reloads daily, and leaves no Chromium behind when stopped.

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`kiosk launcher tests skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

const HEARTBEAT_STALE = 6;
const SMALL_BOARD_MEMINFO = "MemTotal:        1918452 kB\nMemFree:          912340 kB\n";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Kiosk {
  launcher: RunningLauncher;
  port: number;
  profileDir: string;
  profileNeedle: string;
}

/** Starts the launcher with test timings; settings in `envFile` go through the env file. */
async function startKiosk(env: Record<string, string>, envFile: Record<string, string> = {}): Promise<Kiosk> {
  const dir = makeTempDir("kiosk");
  const port = await getFreePort();
  const profileDir = path.join(dir, "state");
  const envFilePath = path.join(dir, "crier-kiosk.env");
  const lines = Object.entries({ CRIER_URL: `"http://127.0.0.1:${port}/"`, ...envFile }).map(([key, value]) => `${key}=${value}`);
  writeFileSync(envFilePath, `# written by kiosk-launcher.test.ts\n\n${lines.join("\n")}\n`);
  writeFileSync(path.join(dir, "meminfo"), SMALL_BOARD_MEMINFO);
  const launcher = startLauncher({
    CRIER_KIOSK_ENV_FILE: envFilePath,
    HEADLESS: "1",
    CHROMIUM,
    PROFILE_DIR: profileDir,
    WATCHDOG_INTERVAL: "1",
    HEARTBEAT_STALE: String(HEARTBEAT_STALE),
    HEALTH_BACKOFF_MAX: "1",
    RESTART_BACKOFF_MAX: "2",
    RELOAD_AT: "off",
    MEMINFO: path.join(dir, "meminfo"),
    ...env,
  });
  const profileNeedle = `--user-data-dir=${profileDir}/chromium`;
  cleanups.push(async () => {
    if (launcher.isRunning()) launcher.signal("SIGKILL");
    await launcher.exited;
    killProcesses(profileNeedle);
    rmSync(dir, { recursive: true, force: true });
  });
  return { launcher, port, profileDir, profileNeedle };
}

async function startServer(port: number): Promise<SignageStandIn> {
  const server = await startSignageStandIn(port);
  cleanups.push(() => server.close());
  return server;
}

async function waitForPageLoads(server: SignageStandIn, count: number, kiosk: Kiosk, timeoutMs: number): Promise<void> {
  await waitFor(async () => server.pageLoads.length >= count, timeoutMs, () => `page load ${count} did not come:\n${kiosk.launcher.output()}`, 100);
}

async function stopAndExpectNoChromium(kiosk: Kiosk): Promise<void> {
  kiosk.launcher.signal("SIGTERM");
  const code = await Promise.race([kiosk.launcher.exited, sleep(20_000).then(() => "still running")]);
  expect(code, kiosk.launcher.output()).toBe(0);
  expect(kiosk.launcher.output()).toContain("stopped");
  expect(findProcesses(kiosk.profileNeedle)).toEqual([]);
}

/** Waits until the watchdog has judged the latest Chromium's page alive, and returns that Chromium. */
async function waitForLivePage(kiosk: Kiosk): Promise<number> {
  // On a loaded machine a cold Chromium can miss the (test-short) stale limit before its
  // first heartbeat and be restarted: that is the watchdog doing its job, so the checks
  // that follow count from the browser the watchdog found alive, whichever start it was.
  const isLatestAlive = () => {
    const log = kiosk.launcher.output();
    const latestStart = log.lastIndexOf("started Chromium");
    return latestStart >= 0 && log.includes("the page is alive", latestStart);
  };
  await waitFor(async () => isLatestAlive(), 60_000, kiosk.launcher.output, 100);
  return kiosk.launcher.browserPids().at(-1)!;
}

/** The launcher's log from `from` (a length of an earlier output) on. */
const logSince = (kiosk: Kiosk, from: number) => kiosk.launcher.output().slice(from);

describe.skipIf(!hasChromium)("kiosk launcher with Chromium", () => {
  it("waits for the server, shows the page, restarts a killed browser and a hung page, stops cleanly", async () => {
    const kiosk = await startKiosk({}, { CRIER_DEVICE: "lobby-1", "export HEARTBEAT_STALE": "60" });
    const { launcher } = kiosk;

    // No server yet: the launcher waits and starts no browser.
    await waitFor(async () => launcher.output().includes("waiting for the server"), 10_000, launcher.output);
    await sleep(2_000);
    expect(launcher.browserPids()).toEqual([]);
    expect(findProcesses(kiosk.profileNeedle)).toEqual([]);

    const server = await startServer(kiosk.port);
    const serverStarted = Date.now();
    await waitForPageLoads(server, 1, kiosk, 20_000);
    console.log(`kiosk: first page load ${Date.now() - serverStarted} ms after the server came up`);
    expect(server.pageLoads[0]).toMatchObject({ screen: "default", device: "lobby-1", kiosk: "1" });

    // A live page: heartbeats arrive, and the watchdog leaves the browser alone past the stale limit.
    const livePid = await waitForLivePage(kiosk);
    const args = commandLine(livePid);
    expect(args, launcher.output()).toContain(`${server.origin}/signage/default?device=lobby-1&kiosk=1`);
    for (const flag of ["--kiosk", "--noerrdialogs", "--disable-session-crashed-bubble", "--autoplay-policy=no-user-gesture-required",
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--enable-low-end-device-mode", "--renderer-process-limit=2"]) {
      expect(args, flag).toContain(flag);
    }
    const loadsWhenAlive = server.pageLoads.length;
    const startsWhenAlive = launcher.browserPids().length;
    await sleep((HEARTBEAT_STALE + 2) * 1_000);
    expect(server.pageLoads, launcher.output()).toHaveLength(loadsWhenAlive);
    expect(launcher.browserPids(), launcher.output()).toHaveLength(startsWhenAlive);

    // kill -9 of the browser once its profile says "running" (Chromium writes it within about
    // 10 s): a new one loads the page, the profile is marked clean, the old helpers are gone.
    const preferences = path.join(kiosk.profileDir, "chromium", "Default", "Preferences");
    await waitFor(async () => readFileSync(preferences, "utf8").includes('"exit_type":"Crashed"'), 30_000, () => `${preferences} never said Crashed`, 250);
    const logBeforeKill = launcher.output().length;
    process.kill(livePid, "SIGKILL");
    const killedAt = Date.now();
    await waitForPageLoads(server, loadsWhenAlive + 1, kiosk, 15_000);
    console.log(`kiosk: page loaded again ${Date.now() - killedAt} ms after kill -9 of Chromium`);
    // The launcher's log line can come a moment after the new page loads (a busy machine): wait for it.
    await waitFor(async () => /Chromium exited \(status 137, SIGKILL\)/.test(logSince(kiosk, logBeforeKill)), 10_000, launcher.output);
    expect(logSince(kiosk, logBeforeKill)).toContain("marked the profile as cleanly closed");
    expect(launcher.browserPids().length, launcher.output()).toBeGreaterThan(startsWhenAlive);
    expect(findProcessGroup(livePid)).toEqual([]);

    // A hung renderer: heartbeats stop while the server is up, so the watchdog restarts Chromium.
    const revivedPid = await waitForLivePage(kiosk);
    const loadsBeforeHang = server.pageLoads.length;
    const logBeforeHang = launcher.output().length;
    server.hangPage();
    await waitFor(async () => server.hungAt(), 10_000, launcher.output);
    const hungAt = server.hungAt()!;
    await waitForPageLoads(server, loadsBeforeHang + 1, kiosk, (HEARTBEAT_STALE + 15) * 1_000);
    console.log(`kiosk: page loaded again ${Date.now() - hungAt} ms after it hung (stale limit ${HEARTBEAT_STALE} s)`);
    expect(logSince(kiosk, logBeforeHang)).toContain("the page hangs; restarting Chromium");
    expect(launcher.browserPids().at(-1)).not.toBe(revivedPid);

    await stopAndExpectNoChromium(kiosk);
  }, 150_000);

  it("leaves Chromium alone while the server is unreachable, and restarts it at the daily reload time", async () => {
    // RELOAD_AT is a local time of day: keep it on today's side of midnight.
    // 75 s ahead: on a loaded machine Chromium's first live page and the outage below take up to ~50 s.
    const RELOAD_AHEAD = 75_000;
    while (new Date(Date.now() + RELOAD_AHEAD + 10_000).getDate() !== new Date().getDate()) await sleep(1_000);
    const reloadAt = new Date(Date.now() + RELOAD_AHEAD);
    const time = [reloadAt.getHours(), reloadAt.getMinutes(), reloadAt.getSeconds()].map((n) => String(n).padStart(2, "0")).join(":");
    const kiosk = await startKiosk({ RELOAD_AT: time, LOW_MEMORY: "off" });
    const server = await startServer(kiosk.port);
    await waitForPageLoads(server, 1, kiosk, 30_000);
    expect(commandLine(await waitForLivePage(kiosk))).not.toContain("--enable-low-end-device-mode");

    // An outage longer than the stale limit, then the server is back: the page's
    // heartbeats resume by themselves, so the watchdog must not restart Chromium.
    const loadsBeforeOutage = server.pageLoads.length;
    const logBeforeOutage = kiosk.launcher.output().length;
    server.setReachable(false);
    await sleep((HEARTBEAT_STALE + 2) * 1_000);
    server.setReachable(true);
    // After a failed check the watchdog waits HEARTBEAT_STALE s before the next, so the
    // first answer after the outage comes up to that (and a busy machine's delay) later.
    await waitFor(async () => logSince(kiosk, logBeforeOutage).includes("the server answers again"), (HEARTBEAT_STALE + 15) * 1_000, kiosk.launcher.output, 100);
    // Then the page has HEARTBEAT_STALE s to send a heartbeat (its own come every 2 s): no restart.
    await sleep((HEARTBEAT_STALE + 2) * 1_000);
    const outageLog = logSince(kiosk, logBeforeOutage);
    expect(Date.now(), "the outage ran into the daily reload: give RELOAD_AHEAD more time").toBeLessThan(reloadAt.getTime());
    expect(outageLog).toContain("the server does not answer; leaving Chromium as it is");
    expect(outageLog).toContain("the server answers again; the page has 6 s to send a heartbeat");
    expect(outageLog).not.toMatch(/page hangs|no heartbeat from this device|Chromium exited/);
    expect(server.pageLoads).toHaveLength(loadsBeforeOutage);

    await waitForPageLoads(server, loadsBeforeOutage + 1, kiosk, RELOAD_AHEAD);
    expect(server.pageLoads[loadsBeforeOutage].at).toBeGreaterThanOrEqual(reloadAt.getTime() - 1_000);
    expect(kiosk.launcher.output()).toContain(`daily reload (${time})`);
    await stopAndExpectNoChromium(kiosk);
  }, 240_000);
});

describe("kiosk launcher configuration", () => {
  it.each([
    [{ CRIER_URL: "" }, "set CRIER_URL"],
    [{ CRIER_DEVICE: "lobby 1" }, "CRIER_DEVICE may use"],
    [{ CRIER_URL: "http://127.0.0.1:1/?x=$(touch /tmp/pwned)" }, "CRIER_URL must be"],
    [{ WATCHDOG_INTERVAL: "0" }, "WATCHDOG_INTERVAL must be"],
    [{ CRIER_DEVICE_SECRET: "short" }, "CRIER_DEVICE_SECRET must be the secret /admin showed"],
    [{ CRIER_DEVICE_SECRET: 'x"; touch /tmp/pwned; "xxxxxxxxxxxxxxxx' }, "CRIER_DEVICE_SECRET must be"],
  ])("refuses %o with one sentence and exit status 78", async (env, message) => {
    const kiosk = await startKiosk({ ...env, CHROMIUM: "/bin/true" });
    expect(await kiosk.launcher.exited).toBe(78);
    expect(kiosk.launcher.output()).toContain(message);
  });
});
