import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startCouncil, waitFor, type App, type Council } from "../integration/helpers/processes";
import { launchChromium, openContext } from "./helpers/browser";

// Listening at the kiosk, in real Chromium: a key (as a USB button sends it) plays the
// slide on screen through the speakers within a second, the slide holds while it
// plays, and ?listen=off turns it off.

let council: Council;
let app: App;
let browser: Browser;
let id: string;

async function openScreen(query: string): Promise<Page> {
  const page = await (await openContext(browser)).newPage();
  await page.goto(`${app.url}/signage/default${query}`);
  await page.locator(`[data-slide-id="${id}"]`).waitFor({ timeout: 15_000 });
  return page;
}

const readAudio = (page: Page) => page.locator("audio").evaluate((audio: HTMLAudioElement) => ({ time: audio.currentTime, paused: audio.paused, src: audio.currentSrc }));

beforeAll(async () => {
  council = await startCouncil();
  app = await startApp({ certPath: council.certPath });
  await app.api("POST", "/api/admin/subscriptions", { handle: `@council@${council.host}` });
  await waitFor(async () => (await (await app.api("GET", "/api/admin/subscriptions")).json()).items[0]?.state === "accepted", 20_000, () => "not accepted");
  const created = await council.control("POST", "/actors/council/posts", { content: "<p>The swimming pool reopens on Monday at seven in the morning, with a new learner pool and longer opening hours at weekends.</p>", language: "en" });
  id = (await waitFor(async () => (await (await fetch(`${app.url}/api/announcements?limit=10`)).json()).items.find((item: any) => item.uri === created.id), 20_000, () => "post never arrived")).id;
  // The audio is made when the post arrives; wait for it, as a kiosk's screen would have it long before anyone presses.
  await waitFor(async () => (await fetch(`${app.url}/api/announcements/${id}/audio.mp3`)).ok, 60_000, () => "audio never made");
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await council?.stop();
});

describe("listening at the kiosk", () => {
  it("plays the slide on screen within 1 s of its key (marked as being read, which holds it), and the key stops it", async () => {
    const page = await openScreen("?kiosk=1&listenKey=F9");
    expect((await readAudio(page)).paused).toBe(true);
    const pressed = Date.now();
    await page.keyboard.press("F9");
    await expect.poll(async () => (await readAudio(page)).time > 0, { timeout: 5_000, interval: 50 }).toBe(true);
    expect(Date.now() - pressed).toBeLessThan(1_000);
    expect((await readAudio(page)).src).toContain(`/api/announcements/${id}/audio.mp3`);
    expect(await page.locator("main").getAttribute("data-listening")).toBe(id);
    // The same key stops it.
    await page.keyboard.press("F9");
    await expect.poll(async () => (await readAudio(page)).paused).toBe(true);
    expect(await page.locator("main").getAttribute("data-listening")).toBe("");
    await page.context().close();
  });

  it("shows a large Listen control where the screen is touched, and none of it with ?listen=off", async () => {
    const touch = await (await openContext(browser, { hasTouch: true, isMobile: true, viewport: { width: 1080, height: 1920 } })).newPage();
    await touch.goto(`${app.url}/signage/default?kiosk=1`);
    const control = touch.getByRole("button", { name: "Listen" });
    await control.waitFor({ timeout: 15_000 });
    const box = (await control.boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
    await control.tap();
    await expect.poll(async () => (await readAudio(touch)).time > 0, { timeout: 5_000 }).toBe(true);
    await touch.context().close();

    const off = await openScreen("?kiosk=1&listen=off");
    await off.keyboard.press("Enter");
    await off.waitForTimeout(500);
    expect((await readAudio(off)).paused).toBe(true);
    expect(await off.getByRole("button", { name: "Listen" }).count()).toBe(0);
    await off.context().close();
  });
});
