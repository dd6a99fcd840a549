import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "../integration/helpers/processes";
import { launchChromium } from "./helpers/browser";
import { SAMPLE_POSTS, startReaderFixture, type ReaderFixture } from "./helpers/reader-fixture";
import { LANDSCAPE, openSignage, readScreen, saveShot, SHOWS_TEXT, timeUntil } from "./helpers/signage";

// "Never black": the app is stopped for two minutes (the figure; SIGNAGE_OUTAGE_MS
// shortens it for a quick local run) while a kiosk page keeps rotating what it had,
// marked "last updated HH:MM"; a reload during the outage comes from the service
// worker; the same app restarted on the same port and DATA_DIR is picked up by itself.

const OUTAGE_MS = Number(process.env.SIGNAGE_OUTAGE_MS ?? 120_000);

let fixture: ReaderFixture;
let browser: Browser;
// The app started again after the outage (fixture.stop() only knows the first one).
let restarted: App | undefined;

beforeAll(async () => {
  fixture = await startReaderFixture({ posts: [SAMPLE_POSTS[0]!, SAMPLE_POSTS[2]!] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await restarted?.stop();
  await fixture?.stop();
});

describe("server down", () => {
  it("keeps showing announcements from cache, then recovers and shows a new post", async () => {
    // speed=20: slides change every second or so, so "keeps rotating" is visible within the outage.
    const { page, close } = await openSignage(browser, `${fixture.app.url}/signage/default?kiosk=1&device=e2e-offline&speed=20`, LANDSCAPE);
    try {
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready.then(() => false), null, { timeout: 10_000 }).catch(() => {});
      await page.reload(); // the second load passes through the worker and fills its cache
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      await page.waitForSelector("[data-slide-id]");
      await page.waitForTimeout(1000);
      const { port, dataDir } = fixture.app;

      await fixture.app.stop();
      const seen = new Set<string>();
      const stoppedAt = Date.now();
      while (Date.now() - stoppedAt < OUTAGE_MS) {
        const screen = await readScreen(page);
        expect(screen.id).not.toBeNull(); // never black
        seen.add(screen.id!);
        await page.waitForTimeout(1000);
      }
      const during = await readScreen(page);
      expect(during.state).toBe("offline-cache");
      expect(during.text).toMatch(/Last updated \d\d:\d\d/);
      expect(seen.size).toBeGreaterThanOrEqual(2); // still rotating
      await saveShot(page, "landscape-server-down");

      await page.reload(); // a reload with the server down comes from the service worker's cache
      await page.waitForSelector("[data-slide-id]", { timeout: 10_000 });
      expect((await readScreen(page)).text).toMatch(/Station Road|Bins go out/);
      await saveShot(page, "landscape-server-down-reloaded");

      restarted = await startApp({ port, dataDir, certPath: fixture.council.certPath, env: { TRUSTED_DOMAINS: "localhost" } });
      const marker = "Leisure centre back open after the outage";
      const posted = Date.now();
      await fixture.council.control("POST", "/actors/council/posts", { content: `<p>${marker}.</p>`, language: "en" });
      const shownAfter = await timeUntil(page, SHOWS_TEXT, marker, posted, 30_000);
      console.log(`[signage offline] ${seen.size} different slides during a ${OUTAGE_MS / 1000} s outage; new post shown ${shownAfter} ms after posting on the restarted app`);
      await page.waitForFunction(() => !document.body.innerText.includes("Last updated"), null, { timeout: 15_000 });
      expect((await readScreen(page)).state).toBe("rotating");
      await saveShot(page, "landscape-recovered");
    } finally {
      await close();
    }
  }, OUTAGE_MS + 120_000);
});
