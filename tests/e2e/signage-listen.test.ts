import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openContext, launchChromium } from "./helpers/browser";
import { SAMPLE_POSTS, startReaderFixture, type ReaderFixture } from "./helpers/reader-fixture";
import { LANDSCAPE, readScreen, saveShot } from "./helpers/signage";

// Listen at the kiosk, in real Chromium against the built app: the screen's key (a USB
// button sends one) or the touch screen's Listen button plays the current slide's audio
// within 1 s, the slide holds while it plays, and the setting turns it off.

let fixture: ReaderFixture;
let browser: Browser;

const audioState = (page: Page) =>
  page.evaluate(() => {
    const audio = document.querySelector("main audio") as HTMLAudioElement;
    const main = document.querySelector("main[data-mode]") as HTMLElement;
    return { currentTime: audio.currentTime, paused: audio.paused, src: audio.currentSrc, listening: main.dataset.listening ?? "" };
  });

async function openScreen(url: string, options: { hasTouch?: boolean } = {}) {
  const context = await openContext(browser, { viewport: LANDSCAPE, hasTouch: options.hasTouch ?? false });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector("[data-slide-id]");
  return { page, close: () => context.close() };
}

beforeAll(async () => {
  fixture = await startReaderFixture({ posts: [SAMPLE_POSTS[0]!, SAMPLE_POSTS[1]!, SAMPLE_POSTS[2]!] });
  browser = await launchChromium();
  // The audio is made in the background when a post arrives; wait until it has been.
  const { items } = await (await fetch(`${fixture.app.url}/api/announcements?limit=10`)).json();
  for (const item of items) expect((await fetch(`${fixture.app.url}/api/announcements/${item.id}/audio.mp3`)).status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
});

describe("listening at the kiosk", () => {
  it("plays the current slide's audio within 1 s of the key, holds the slide while it plays, and lets the rotation go on when it ends", async () => {
    // ?speed=30: slides change every few hundred ms, so a slide that holds is a slide held.
    const { page, close } = await openScreen(`${fixture.app.url}/signage/default?kiosk=1&device=listen-key&speed=30`);
    try {
      expect(await page.locator("button", { hasText: "Listen" }).count()).toBe(0); // not a touch screen
      const showing = (await readScreen(page)).id;
      const pressed = Date.now();
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => (document.querySelector("main audio") as HTMLAudioElement).currentTime > 0, undefined, { polling: 20, timeout: 5_000 });
      const playingAfterMs = Date.now() - pressed;
      const state = await audioState(page);
      console.log(`[signage] the key played the slide's audio after ${playingAfterMs} ms`);
      expect(playingAfterMs).toBeLessThan(1_000);
      expect(state.src).toContain(`/api/announcements/${state.listening}/audio.mp3`);
      expect(state.listening).toBe(showing);

      // Held: three seconds is many slides at this speed.
      await page.waitForTimeout(3_000);
      expect((await readScreen(page)).id).toBe(showing);
      expect((await audioState(page)).currentTime).toBeGreaterThan(1);

      // Play it to its end quickly: the hold ends and the rotation moves on.
      await page.evaluate(() => {
        const audio = document.querySelector("main audio") as HTMLAudioElement;
        audio.currentTime = Math.max(0, audio.duration - 0.3);
      });
      await page.waitForFunction(() => (document.querySelector("main[data-mode]") as HTMLElement).dataset.listening === "", undefined, { timeout: 5_000 });
      await page.waitForFunction((id) => document.querySelector("[data-slide-id]")?.getAttribute("data-slide-id") !== id, showing, { timeout: 5_000 });

      // A second press stops what is playing.
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => !(document.querySelector("main audio") as HTMLAudioElement).paused, undefined, { timeout: 5_000 });
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => (document.querySelector("main audio") as HTMLAudioElement).paused, undefined, { timeout: 5_000 });
      expect((await audioState(page)).listening).toBe("");
    } finally {
      await close();
    }
  });

  it("shows a large Listen button on a touch screen, which plays the slide", async () => {
    const { page, close } = await openScreen(`${fixture.app.url}/signage/default?kiosk=1&device=listen-touch`, { hasTouch: true });
    try {
      const button = page.locator("button", { hasText: "Listen" });
      expect(await button.count()).toBe(1);
      const box = (await button.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      await saveShot(page, "listen-touch");
      await button.tap();
      await page.waitForFunction(() => (document.querySelector("main audio") as HTMLAudioElement).currentTime > 0, undefined, { timeout: 5_000 });
      expect(await page.locator("button", { hasText: "Stop" }).count()).toBe(1);
    } finally {
      await close();
    }
  });

  it("leaves Enter on a focused control to that control: the pause button of a visitor's page still pauses", async () => {
    const { page, close } = await openScreen(`${fixture.app.url}/signage/default?device=listen-visitor&speed=50`);
    try {
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Pause slides");
      await page.keyboard.press("Enter");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-pressed"))).toBe("true");
      expect((await audioState(page)).src).toBe("");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Listen");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => (document.querySelector("main audio") as HTMLAudioElement).currentTime > 0, undefined, { timeout: 5_000 });
    } finally {
      await close();
    }
  });

  it("does neither when the screen's listen setting is off, and takes another key when told", async () => {
    const screen = await fixture.app.api("POST", "/api/admin/screens", { name: "quiet", listen: false });
    expect(screen.status).toBe(201);
    const { page, close } = await openScreen(`${fixture.app.url}/signage/quiet?kiosk=1&device=listen-off`, { hasTouch: true });
    try {
      expect(await page.locator("button", { hasText: "Listen" }).count()).toBe(0);
      await page.keyboard.press("Enter");
      await page.waitForTimeout(1_000);
      expect(await audioState(page)).toMatchObject({ currentTime: 0, src: "", listening: "" });
    } finally {
      await close();
    }
    const changed = await fixture.app.api("PUT", "/api/admin/screens/quiet", { listen: true, listenKey: "F9" });
    expect(changed.status).toBe(200);
    expect((await fixture.app.api("PUT", "/api/admin/screens/quiet", { listenKey: "not a key name!" })).status).toBe(400);
    const again = await openScreen(`${fixture.app.url}/signage/quiet?kiosk=1&device=listen-f9`);
    try {
      await again.page.keyboard.press("Enter");
      await again.page.waitForTimeout(500);
      expect((await audioState(again.page)).src).toBe("");
      await again.page.keyboard.press("F9");
      await again.page.waitForFunction(() => (document.querySelector("main audio") as HTMLAudioElement).currentTime > 0, undefined, { timeout: 5_000 });
    } finally {
      await again.close();
    }
  });
});
