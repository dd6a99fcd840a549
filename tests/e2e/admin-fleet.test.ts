import { AxeBuilder } from "@axe-core/playwright";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./helpers/browser";
import { SAMPLE_POSTS, startReaderFixture, type ReaderFixture } from "./helpers/reader-fixture";
import { LANDSCAPE, openSignage, saveShot } from "./helpers/signage";

// The fleet view in real Chromium: an enrolled kiosk page's heartbeats reach /admin and
// the launcher's watchdog; an operator's reload and a change of the screen's settings
// reach the page over the live stream within seconds (the figures are printed; the test
// allows more on a loaded machine, and runs in the console lane, not among the files
// that assert a time bound).

let fixture: ReaderFixture;
let browser: Browser;

beforeAll(async () => {
  fixture = await startReaderFixture({ posts: [SAMPLE_POSTS[0]!] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
});

describe("/admin fleet view", () => {
  it("an enrolled device sends heartbeats the fleet view and the kiosk watchdog can read, and reloads when asked", async () => {
    const enrolled = await fixture.app.api("POST", "/api/admin/screens/default/devices", { device: "e2e-fleet" });
    const { secret } = await enrolled.json();
    // The launcher hands the page its secret in the fragment, which the page request does not carry.
    const { page, close } = await openSignage(browser, `${fixture.app.url}/signage/default?kiosk=1&device=e2e-fleet#secret=${secret}`, LANDSCAPE);
    try {
      const device = async () => (await fetch(`${fixture.app.url}/api/signage/default/heartbeat?device=e2e-fleet`, { headers: { authorization: `Bearer ${secret}` } })).json();
      await page.waitForFunction(() => true);
      await expect.poll(async () => (await device()).lastSeen, { timeout: 5000 }).not.toBeNull();
      // What it showed at its last heartbeat (the slide may have changed since).
      const feed = await (await fetch(`${fixture.app.url}/api/signage/default/feed.json`)).json();
      expect(feed.items.map((item: { id: string }) => item.id)).toContain((await device()).showing);
      const fleet = await (await fixture.app.api("GET", "/api/admin/screens")).json();
      const entry = fleet.items.find((screen: { name: string }) => screen.name === "default").devices.find((item: { device: string }) => item.device === "e2e-fleet");
      expect(entry).toMatchObject({ isOnline: true, state: "rotating" });
      // The reload must come over the live stream, not at the next heartbeat (30 s after the
      // last one): ask within 10 s of a heartbeat (on a busy machine the checks above can
      // take longer; then wait for the next), so the next is at least 20 s away.
      await page.waitForTimeout(500); // the page's live stream opens
      // When the server last heard this device (same machine, same clock).
      const lastHeartbeatAt = async () => Date.parse((await device()).lastSeen);
      const heartbeatBefore = await lastHeartbeatAt();
      if (Date.now() - heartbeatBefore > 10_000) await expect.poll(lastHeartbeatAt, { timeout: 40_000, interval: 200 }).toBeGreaterThan(heartbeatBefore);
      const navigated = page.waitForEvent("framenavigated", { timeout: 40_000 });
      const asked = Date.now();
      const sinceHeartbeat = asked - (await lastHeartbeatAt());
      const reload = await fixture.app.api("POST", "/api/admin/screens/default/reload", { device: "e2e-fleet" });
      expect(await reload.json()).toEqual({ requested: 1 });
      await navigated;
      const reloadMs = Date.now() - asked;

      // A change of the screen's settings (its theme) reaches the reloaded page without another reload.
      const background = () => page.evaluate(() => getComputedStyle(document.querySelector("main")!).getPropertyValue("--bg").trim());
      await expect.poll(background, { timeout: 15_000 }).toBe("#000000");
      // After the page's first timed poll of the feed (7–13 s after it opens, while its stream
      // was not yet open) the next is 42–78 s away: only the live stream can bring the change sooner.
      const polls = () => page.evaluate(() => (window as unknown as { crierSignageStats: { polls: number } }).crierSignageStats.polls);
      await expect.poll(polls, { timeout: 20_000, interval: 250 }).toBeGreaterThanOrEqual(2);
      const changed = Date.now();
      expect((await fixture.app.api("PUT", "/api/admin/screens/default", { theme: "light" })).ok).toBe(true);
      await expect.poll(background, { timeout: 20_000, interval: 100 }).toBe("#ffffff");
      const settingsMs = Date.now() - changed;
      console.log(`operator to screen: reload ${reloadMs} ms (${sinceHeartbeat} ms after a heartbeat), theme change ${settingsMs} ms (at the next heartbeat and poll, these were up to 30 s and 78 s)`);
      expect(sinceHeartbeat).toBeLessThan(12_000); // so the next heartbeat would come at least 18 s later, past the bound below
      expect(reloadMs).toBeLessThan(15_000);

      // The fleet view, as the operator sees it.
      const signIn = await fetch(`${fixture.app.url}/admin/session`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ token: fixture.app.token }) });
      const [name, value] = signIn.headers.get("set-cookie")!.split(";")[0]!.split("=");
      await page.context().addCookies([{ name: name!, value: value!, url: fixture.app.url }]);
      const admin = await page.context().newPage();
      await admin.setViewportSize({ width: 1280, height: 900 });
      // A kiosk that was never enrolled is named, and adding a device shows its secret once.
      await fetch(`${fixture.app.url}/api/signage/default/heartbeat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ device: "e2e-old-pi", showing: null, state: "rotating" }) });
      await admin.goto(`${fixture.app.url}/admin`);
      expect(await admin.getByRole("cell", { name: "e2e-fleet", exact: true }).count()).toBe(1);
      expect(await admin.getByText("A device named e2e-old-pi is sending heartbeats without a secret: enrol it").count()).toBe(1);
      await admin.getByLabel("Device name (the kiosk's CRIER_DEVICE)").first().fill("e2e-old-pi");
      await admin.getByRole("button", { name: "Add device to default" }).click();
      await admin.waitForSelector("#issued-secret");
      expect(await admin.locator("pre code").textContent()).toMatch(/CRIER_DEVICE=e2e-old-pi\nCRIER_DEVICE_SECRET=[A-Za-z0-9_-]{43}/);
      const axe = await new AxeBuilder({ page: admin }).withTags(["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]).analyze();
      expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
      await saveShot(admin, "admin-fleet", true);
      await admin.reload();
      expect(await admin.locator("#issued-secret").count()).toBe(0); // shown once
    } finally {
      await close();
    }
  }, 120_000);
});
