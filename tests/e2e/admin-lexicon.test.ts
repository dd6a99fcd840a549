import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "../integration/helpers/processes";
import { launchChromium, openContext } from "./helpers/browser";
import { saveShot } from "./helpers/signage";

// The pronunciation lexicon in /admin, in real Chromium: signed in through the form,
// edited by keyboard only, with and without JavaScript, axe at the reader's AAA tags.

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21aa", "wcag22aa"];
let app: App;
let browser: Browser;

async function signedIn(options: { javaScriptEnabled?: boolean; width?: number } = {}): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await openContext(browser, { javaScriptEnabled: options.javaScriptEnabled ?? true, viewport: { width: options.width ?? 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${app.url}/admin`);
  await page.fill('input[name="token"]', app.token);
  // Without JavaScript, Playwright's waits that poll the page do not run: wait for the navigation itself.
  await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
  expect(await page.locator('a[href="/admin/lexicon"]').count()).toBe(1);
  return { page, close: () => context.close() };
}

const violationsOf = async (page: Page) =>
  (await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze()).violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe("/admin/lexicon", () => {
  it("is reached from /admin, passes axe, and saves an entry typed by keyboard only", async () => {
    const { page, close } = await signedIn();
    try {
      await page.click('a[href="/admin/lexicon"]');
      await page.waitForSelector("h1:text('Pronunciation lexicon')");
      expect(await violationsOf(page)).toEqual([]);
      expect(await page.inputValue("#lexicon-entries")).toContain("Whangarei | Whangārei | | mi");
      // Keyboard only: into the text box, to its end, a new line, then Tab to Save and Enter.
      await page.focus("#lexicon-entries");
      await page.keyboard.press("Control+End");
      await page.keyboard.type("\nWellington | Te Whanganui-a-Tara | | mi");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Save the English lexicon");
      await Promise.all([page.waitForURL(/notice=lexicon-saved/), page.keyboard.press("Enter")]);
      expect(await page.textContent("[role=status]")).toMatch(/Saved the lexicon\. \d+ entries; re-speaking 0 recent announcements\./);
      const saved = await (await app.api("GET", "/api/admin/lexicon/en")).json();
      expect(saved.saved).toBe(true);
      expect(saved.entries).toContainEqual({ word: "Wellington", respelling: "Te Whanganui-a-Tara", language: "mi" });
      await saveShot(page, "admin-lexicon-1280");
    } finally {
      await close();
    }
  });

  it("works without JavaScript, says what is wrong with a bad line, and keeps what was saved", async () => {
    const { page, close } = await signedIn({ javaScriptEnabled: false, width: 320 });
    try {
      await page.goto(`${app.url}/admin/lexicon?lang=mi`);
      expect(await page.textContent("h2")).toBe("Words in te reo Māori posts");
      expect(await page.inputValue("#lexicon-entries")).toBe("");
      await page.fill("#lexicon-entries", "Taupo | | ]] <break time='9s'/> |");
      await Promise.all([page.waitForNavigation(), page.click("button:text('Save the te reo Māori lexicon')")]);
      expect(page.url()).toMatch(/error=action-failed/);
      expect(await page.textContent("[role=alert]")).toContain('Entry 1: "phonemes" must be espeak-ng phoneme mnemonics');
      expect((await (await app.api("GET", "/api/admin/lexicon/mi")).json()).saved).toBe(false);
    } finally {
      await close();
    }
  });

  it("fits a 320-pixel phone with no word broken, and passes axe there (the error shown)", async () => {
    const { page, close } = await signedIn({ width: 320 });
    try {
      await page.goto(`${app.url}/admin/lexicon?lang=mi`);
      await page.fill("#lexicon-entries", "Taupo | | ]] |");
      await Promise.all([page.waitForURL(/error=action-failed/), page.click("button:text('Save the te reo Māori lexicon')")]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      expect(await violationsOf(page)).toEqual([]);
      await saveShot(page, "admin-lexicon-320", true);
    } finally {
      await close();
    }
  });

  it("sends a visitor without a session to sign in", async () => {
    const response = await fetch(`${app.url}/admin/lexicon`, { redirect: "manual" });
    expect([303, 307, 308]).toContain(response.status);
    expect(response.headers.get("location")).toContain("/admin?error=session-ended");
    const post = await fetch(`${app.url}/admin/lexicon/save`, { method: "POST", redirect: "manual", body: new URLSearchParams({ lang: "en", entries: "Auckland | | | mi" }) });
    expect(post.headers.get("location")).toContain("error=form-refused");
    expect((await (await app.api("GET", "/api/admin/lexicon/en")).json()).entries).not.toContainEqual({ word: "Auckland", language: "mi" });
  });
});
