import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startCouncil, waitFor, type App, type Council } from "../integration/helpers/processes";
import { launchChromium, openContext } from "./helpers/browser";
import { saveShot } from "./helpers/signage";

// The whole /admin console in real Chromium: following and unfollowing by keyboard, a
// screen's thumbnail of what it shows now, the Emergencies section (the global lists
// edited and CAP sources added, paused, resumed and removed by keyboard), and axe on
// every section.

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21aa", "wcag22aa"];
let council: Council;
let app: App;
let browser: Browser;

beforeAll(async () => {
  council = await startCouncil();
  // A council's zone other than UTC: every time the console shows is in it.
  app = await startApp({ certPath: council.certPath, env: { EMERGENCY_HASHTAGS: "Flood,Evacuate", TIME_ZONE: "Pacific/Auckland" } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await council?.stop();
});

async function signedIn(width = 1280): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await openContext(browser, { viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${app.url}/admin`);
  await page.locator("#token").fill(app.token);
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  await page.waitForSelector("#emergencies");
  return { page, close: () => context.close() };
}

/** Focuses a field by keyboard-reachable id, types, and submits its form with Enter; waits for the page the post leads to. */
async function typeAndSubmit(page: Page, fields: [selector: string, text: string][]): Promise<void> {
  for (const [selector, text] of fields) {
    await page.focus(selector);
    await page.keyboard.type(text);
  }
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
}

/** Tabs from the current focus to the button with this text, then presses Enter and waits for the next page. */
async function tabToAndPress(page: Page, text: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press("Tab");
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim() ?? "")) === text) {
      await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
      return;
    }
  }
  throw new Error(`no focusable "${text}" by Tab`);
}

const violationsOf = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()).violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);

describe("/admin, every section", () => {
  it("follows and unfollows an account by keyboard", async () => {
    const { page, close } = await signedIn();
    try {
      const handle = `@council@${council.host}`;
      await typeAndSubmit(page, [["#handle", handle]]);
      expect(await page.textContent("[role=status]")).toContain("Follow request sent");
      await waitFor(async () => (await (await app.api("GET", "/api/admin/subscriptions")).json()).items[0]?.state === "accepted", 20_000, () => "never accepted");
      await page.goto(`${app.url}/admin#accounts`);
      await page.focus("#accounts-heading").catch(() => {});
      await page.evaluate(() => (document.querySelector("#accounts a, #accounts button") as HTMLElement | null)?.focus());
      await tabToAndPress(page, "Remove");
      expect(await page.textContent("[role=status]")).toContain("Unfollowed");
      expect((await (await app.api("GET", "/api/admin/subscriptions")).json()).items).toEqual([]);
    } finally {
      await close();
    }
  });

  it("shows each screen's slide as a thumbnail named by what it shows (or says it shows nothing), the global emergency lists, and keeps axe quiet on the whole page", async () => {
    await app.api("POST", "/api/admin/screens", { name: "quiet", hashtags: ["nothingtagsthis"] });
    await app.api("POST", "/api/admin/subscriptions", { handle: `@council@${council.host}` });
    await waitFor(async () => (await (await app.api("GET", "/api/admin/subscriptions")).json()).items[0]?.state === "accepted", 20_000, () => "never accepted");
    await council.control("POST", "/actors/council/posts", { content: "The swimming pool reopens on Monday (admin-sections).", language: "en" });
    await waitFor(async () => (await (await fetch(`${app.url}/api/announcements`)).json()).items.length > 0, 20_000, () => "the post never arrived");
    const { page, close } = await signedIn();
    try {
      const thumbnail = page.locator('img[alt^="Screen default shows now: "]');
      expect(await thumbnail.getAttribute("alt")).toContain("The swimming pool reopens on Monday");
      await thumbnail.scrollIntoViewIfNeeded();
      await page.waitForFunction(() => (document.querySelector('img[alt^="Screen default shows now: "]') as HTMLImageElement).naturalWidth > 0, undefined, { timeout: 20_000 });
      // A screen nothing matches says so in words, instead of a broken picture.
      expect(await page.locator('img[alt^="Screen quiet shows now"]').count()).toBe(0);
      expect(await page.textContent("#screens")).toContain("Nothing on quiet now: no announcement matches its settings.");
      expect(await page.textContent("#emergencies")).toContain("#flood, #evacuate");
      expect(await violationsOf(page)).toEqual([]);
      await saveShot(page, "admin-sections-1280", true);
    } finally {
      await close();
    }
  });

  it("adds, pauses, resumes and removes a CAP source by keyboard, and fits a 320-pixel phone", async () => {
    const { page, close } = await signedIn(320);
    try {
      await page.selectOption("#source-severity", "Moderate");
      await typeAndSubmit(page, [["#source-name", "Civil Defence"], ["#source-url", "https://alerts.example.org/cap/index.atom"]]);
      expect(await page.textContent("[role=status]")).toContain("Added the CAP source");
      const [source] = (await (await app.api("GET", "/api/admin/sources")).json()).items;
      expect(source).toMatchObject({ name: "Civil Defence", url: "https://alerts.example.org/cap/index.atom", minSeverity: "Moderate", paused: false });

      await page.focus("#emergencies-heading").catch(() => {});
      await page.evaluate(() => (document.querySelector("#emergencies a") as HTMLElement).focus());
      await tabToAndPress(page, "Pause Civil Defence");
      expect((await (await app.api("GET", "/api/admin/sources")).json()).items[0].paused).toBe(true);
      await page.evaluate(() => (document.querySelector("#emergencies a") as HTMLElement).focus());
      await tabToAndPress(page, "Resume Civil Defence");
      expect((await (await app.api("GET", "/api/admin/sources")).json()).items[0].paused).toBe(false);
      // Nothing sticks out past the phone's edge, but a data table scrolling inside its own region (WCAG 1.4.10 allows it).
      const wide = await page.evaluate(() => {
        const scrollsInside = (element: Element) => { for (let at = element.parentElement; at; at = at.parentElement) if (["auto", "scroll"].includes(getComputedStyle(at).overflowX)) return true; return false; };
        return [...document.querySelectorAll("main *")].filter((element) => element.getBoundingClientRect().right > 321 && !scrollsInside(element)).map((element) => `${element.tagName}#${element.id} ${Math.round(element.getBoundingClientRect().right)}`).slice(0, 8);
      });
      expect(wide).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      expect(await violationsOf(page)).toEqual([]);
      await page.evaluate(() => (document.querySelector("#emergencies a") as HTMLElement).focus());
      await tabToAndPress(page, "Remove Civil Defence");
      expect(await page.textContent("[role=status]")).toContain("Removed the CAP source");
      expect((await (await app.api("GET", "/api/admin/sources")).json()).items).toEqual([]);
    } finally {
      await close();
    }
  });

  it("adds an emergency account and refuses a junk hashtag by keyboard; the account's post turns emergency; its remove button undoes it", async () => {
    const handle = `@council@${council.host}`;
    const priority = async () => (await (await fetch(`${app.url}/api/announcements`)).json()).items.find((item: { text: string }) => item.text.includes("admin-sections")).priority;
    expect(await priority()).toBe("normal");
    const { page, close } = await signedIn();
    try {
      await typeAndSubmit(page, [["#emergency-hashtag", "bin day"]]);
      expect(await page.textContent("[role=alert]")).toContain('"bin day" is not a hashtag');
      await typeAndSubmit(page, [["#emergency-account", handle.toUpperCase()]]);
      expect(await page.textContent("[role=status]")).toContain("Added to the emergency list");
      expect(await page.textContent("[role=status]")).toMatch(/: 1 recent announcement became an emergency\./);
      expect(await priority()).toBe("emergency");
      expect(await page.textContent("#emergencies")).toMatch(/Added by console \S+ on \d{4}-\d{2}-\d{2} \d{2}:\d{2} NZ[DS]T\./);
      expect(await violationsOf(page)).toEqual([]);
      await page.locator("#emergency-account").scrollIntoViewIfNeeded();
      await saveShot(page, "admin-emergency-lists-1280", false);
      await page.evaluate(() => (document.querySelector("#emergencies a") as HTMLElement).focus());
      await tabToAndPress(page, `Remove ${handle}`);
      expect(await page.textContent("[role=status]")).toContain("Removed from the emergency list");
      expect(await priority()).toBe("normal");
      expect((await (await app.api("GET", "/api/admin/emergencies")).json()).accounts).toEqual([]);
    } finally {
      await close();
    }
  });
});
