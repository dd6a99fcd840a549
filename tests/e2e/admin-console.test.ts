import { mkdirSync } from "node:fs";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startCouncil, waitFor, type App, type Council } from "../integration/helpers/processes";
import { launchChromium, openContext } from "./helpers/browser";
import { openSignage, readScreen, timeUntil } from "./helpers/signage";

// The console's Announcements and Audit log sections in real Chromium: the actions by
// keyboard as plain form posts, a hide that leaves a live signage page within 2 s
// (measured and printed), no word broken across lines from 320 to 1920 px, and axe.
// Then live updates (a council post, an API hide and a screen change reach the open console without a
// reload, focus and scroll kept, said once politely), the same console without
// JavaScript, and the show-until form in the council's zone (TIME_ZONE=Pacific/Auckland).

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21aa", "wcag22aa"];
const SHOTS = "/tmp/console-shots";
const SECTIONS = ["#announcements", "#approvals", "#audit"];
const SLIDE_LACKS_TEXT = `const slide = document.querySelector("[data-slide-id]"); return !!slide && !slide.textContent.includes(arg);`;

let council: Council;
let app: App;
let browser: Browser;

beforeAll(async () => {
  council = await startCouncil();
  app = await startApp({ certPath: council.certPath, env: { TIME_ZONE: "Pacific/Auckland" } });
  await app.api("POST", "/api/admin/subscriptions", { handle: `@council@${council.host}` });
  await waitFor(async () => (await (await app.api("GET", "/api/admin/subscriptions")).json()).items[0]?.state === "accepted", 20_000, () => "never accepted");
  for (const content of ["Library opening hours change from Monday (console-alpha).", "The park's splash pad reopens this weekend for families (console-beta)."]) {
    await council.control("POST", "/actors/council/posts", { content, language: "en" });
  }
  const theirs = await council.control("POST", "/actors/stranger/posts", { content: "Is the tip open?", deliver: false });
  await council.control("POST", "/actors/council/posts", { content: "Yes, until 4pm (console-reply).", inReplyTo: theirs.id });
  await waitFor(async () => (await (await app.api("GET", "/api/admin/announcements")).json()).items.length === 3, 20_000, () => "posts never arrived");
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await council?.stop();
});

async function signIn(page: Page) {
  await page.goto(`${app.url}/admin`);
  await page.locator("#token").fill(app.token);
  await page.locator("#operator-name").fill("Aroha Ngata");
  await page.keyboard.press("Enter");
  await page.waitForSelector("#announcements");
}

/** Presses Enter on the focused button and waits for the page its form post leads to (not the page before it, which shows the last notice too). */
async function pressEnterAndWaitForPage(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
  await page.waitForSelector(".notice");
}

/** Words (runs of letters between spaces and hyphens) whose letters sit on more than one line. */
function findBrokenWords(page: Page, selectors: string[]): Promise<string[]> {
  return page.evaluate((selectors) => {
    const broken: string[] = [];
    for (const root of selectors.flatMap((selector) => [...document.querySelectorAll(selector)])) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        // A hyphen is a line-break opportunity in any text: "console-" / "reply" is not a broken word.
        for (const match of (node.textContent ?? "").matchAll(/[^\s\-]+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.bottom)));
          if (lines.size > 1) broken.push(match[0]);
        }
      }
    }
    return broken;
  }, selectors);
}

describe("the console's announcements", () => {
  it("hides the post a live signage page shows, by keyboard, and the screen drops it within 2 s", async () => {
    const context = await openContext(browser, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page);
    const replyItem = page.locator(".console-item", { hasText: "console-reply" });
    await expect(replyItem.textContent()).resolves.toContain("Reply, not shown");
    const screen = await openSignage(browser, `${app.url}/signage/default`, { width: 1280, height: 720 });
    await page.locator(".console-item", { hasText: "console-alpha" }).getByRole("button", { name: "Hide" }).focus();
    // Hide whichever post is on screen now (a slide stays 10 s or more, far longer than this takes).
    const onScreen = (await readScreen(screen.page)).text;
    const phrase = onScreen.includes("console-alpha") ? "console-alpha" : "console-beta";
    expect(onScreen).toContain(phrase);
    await page.locator(".console-item", { hasText: phrase }).getByRole("button", { name: "Hide" }).focus();
    const started = Date.now();
    const submitted = pressEnterAndWaitForPage(page);
    // The page's own bundled first list (in a script) keeps the words: the slide on screen is what counts.
    const ms = await timeUntil(screen.page, SLIDE_LACKS_TEXT, phrase, started);
    console.log(`hide → gone from the signage page: ${ms} ms`);
    expect(ms).toBeLessThan(2_000);
    await submitted;
    await expect(page.locator(".console-item", { hasText: phrase }).textContent()).resolves.toContain("Hidden");
    // Pin the other by keyboard; the audit log names the console session.
    const other = phrase === "console-alpha" ? "console-beta" : "console-alpha";
    await page.locator(".console-item", { hasText: other }).getByRole("button", { name: "Pin" }).focus();
    await pressEnterAndWaitForPage(page);
    await expect(page.locator(".console-item", { hasText: other }).textContent()).resolves.toContain("Pinned");
    await expect(page.locator("#audit").textContent()).resolves.toMatch(/Aroha Ngata \(console\) · pin[\s\S]*Aroha Ngata \(console\) · hide/);
    // Approve by keyboard for a screen that waits for approval: it shows there after.
    await app.api("POST", "/api/admin/screens", { name: "lobby", approval: true });
    await page.reload();
    const approve = page.locator("#approvals .console-item", { hasText: other }).getByRole("button", { name: "Approve for lobby" });
    await approve.focus();
    await pressEnterAndWaitForPage(page);
    const lobby = await (await fetch(`${app.url}/api/signage/lobby/feed.json`)).json();
    expect(lobby.items.map((item: { text: string }) => item.text).join(" ")).toContain(other);
    // The followed account's boosts setting, saved from the Accounts table by keyboard.
    await page.locator("select[name=boosts]").selectOption("all");
    await page.getByRole("button", { name: /Save boosts of/ }).focus();
    await pressEnterAndWaitForPage(page);
    expect((await (await app.api("GET", "/api/admin/subscriptions")).json()).items[0].boosts).toBe("all");
    await screen.close();
    await context.close();
  });

  for (const width of [320, 1280, 1920]) {
    it(`breaks no word across lines at ${width} px, scrolls no sideways, and axe finds nothing`, async () => {
      const context = await openContext(browser, { viewport: { width, height: 900 } });
      const page = await context.newPage();
      await signIn(page);
      expect(await findBrokenWords(page, SECTIONS)).toEqual([]);
      // The rest of /admin (followed accounts with their boosts setting, screens) too: the issue saw "Followin g" there at 1280 px.
      expect(await findBrokenWords(page, ["main"])).toEqual([]);
      // Anything reaching past the sections' right edge (a page scrolled sideways at 320 px fails WCAG reflow).
      const sideways = await page.evaluate((selectors) => selectors.flatMap((selector) => {
        const section = document.querySelector(selector)!;
        const edge = section.getBoundingClientRect().right + 1;
        return [...section.querySelectorAll("*")].filter((element) => element.getBoundingClientRect().right > edge).map((element) => `${element.tagName}.${element.className}`);
      }), SECTIONS);
      expect(sideways).toEqual([]);
      const result = await new AxeBuilder({ page }).include("#announcements").include("#approvals").include("#audit").withTags(AXE_TAGS).analyze();
      expect(result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
      // The slide thumbnail is a real rendered slide (lazy: drawn when scrolled to).
      await page.locator(".console-thumb").first().scrollIntoViewIfNeeded();
      await page.waitForFunction(() => {
        const thumb = document.querySelector<HTMLImageElement>(".console-thumb");
        return thumb !== null && thumb.complete && thumb.naturalWidth > 0;
      }, null, { timeout: 20_000 });
      await page.locator("#announcements").screenshot({ path: `${SHOTS}/announcements-${width}.png` });
      await page.locator("#audit").screenshot({ path: `${SHOTS}/audit-${width}.png` });
      await page.screenshot({ path: `${SHOTS}/admin-${width}.png`, fullPage: true });
      await context.close();
    });
  }
});

describe("the console, live and without JavaScript", () => {
  it("shows a council post, an approval waiting, an API hide and a screen change without a reload, keeps focus and the page still, and says so once", async () => {
    const context = await openContext(browser, { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await app.api("POST", "/api/admin/screens", { name: "annex", approval: true });
    // A merge that raced Next's hydration would show here as a (minified) React error.
    // (Not a failed image: a screen that shows nothing yet answers 404 for current.png.)
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(message.text());
    });
    const streamOpened = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/events", { timeout: 20_000 });
    await signIn(page);
    await streamOpened;
    // A reason half typed into another announcement's hide form survives the updates.
    const reason = await page.locator("#announcements input[name=reason]").first().elementHandle();
    await reason!.fill("half typed");
    // Focus well below where a new announcement goes in, mid-screen, and mark the page and the element (not in the DOM, which the merge rewrites).
    const removeButton = page.getByRole("button", { name: `Remove @council@${council.host}` });
    await removeButton.focus();
    await removeButton.evaluate((element) => {
      element.scrollIntoView({ block: "center" });
      Object.assign(element, { focusMark: true });
      Object.assign(window, { loadMark: true });
    });
    const topBefore = await removeButton.evaluate((element) => element.getBoundingClientRect().top);
    const posted = Date.now();
    await council.control("POST", "/actors/council/posts", { content: "Bins go out a day late after the holiday (console-gamma).", language: "en" });
    const gamma = page.locator("#announcements .console-item", { hasText: "console-gamma" });
    await gamma.waitFor({ timeout: 20_000 });
    console.log(`council post → on the open console: ${Date.now() - posted} ms`);
    await page.locator('#approvals section[data-key="annex"] .console-item', { hasText: "console-gamma" }).waitFor();
    await expect.poll(() => readLive(page)).toMatch(/New: Demo City Council, Shown\. .*Waiting for approval on annex: Demo City Council\./);
    await expectUndisturbed(page, topBefore);
    await page.screenshot({ path: `${SHOTS}/live-new-post.png` });
    // Another operator hides it through the API: the open console follows.
    const items = (await (await app.api("GET", "/api/admin/announcements?state=shown")).json()).items as { announcement: { id: string; text: string } }[];
    const id = items.find((item) => item.announcement.text.includes("console-gamma"))!.announcement.id;
    expect((await app.api("POST", `/api/admin/announcements/${id}/hide`, { reason: "Wrong week" })).status).toBe(200);
    await expect.poll(() => gamma.textContent()).toContain("Hidden · Reason: Wrong week");
    await expect.poll(() => readLive(page)).toBe("Demo City Council: Hidden · Reason: Wrong week.");
    await expect(page.locator("#approvals .console-item", { hasText: "console-gamma" }).count()).resolves.toBe(0);
    await expectUndisturbed(page, topBefore);
    await expect(reason!.evaluate((input: HTMLInputElement) => input.isConnected && input.value)).resolves.toBe("half typed");
    // Another operator turns annex's approval off through the API (a screen event, no
    // announcement changes): the open console's Screens section follows.
    expect(await page.getByText(/^Nothing on annex now/).count()).toBe(1);
    expect((await app.api("PUT", "/api/admin/screens/annex", { approval: false })).status).toBe(200);
    await expect.poll(() => page.getByAltText(/^Screen annex shows now: /).count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByText(/^Nothing on annex now/).count()).toBe(0);
    await expectUndisturbed(page, topBefore);
    // One live region for the console (Next's own route announcer, in a shadow root, speaks only on client-side navigation, which the console never does).
    expect(await page.evaluate(() => [...document.querySelectorAll("[aria-live], [role=status], [role=alert], [role=log]")].map((element) => element.id))).toEqual(["console-live"]);
    const result = await new AxeBuilder({ page }).include("main").withTags(AXE_TAGS).analyze();
    expect(result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("works without JavaScript, and takes and shows the show-until time in the council's zone", async () => {
    const context = await openContext(browser, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    const streams: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/api/events") streams.push(request.url());
    });
    await signIn(page);
    const gamma = page.locator("#announcements .console-item", { hasText: "console-gamma" });
    await gamma.getByRole("button", { name: "Unhide" }).focus();
    await pressEnterAndWaitForPage(page);
    await expect(gamma.locator(".console-state").textContent()).resolves.toBe("Shown");
    await expect(gamma.getByLabel("Show until (Pacific/Auckland time)").count()).resolves.toBe(1);
    // 14:30 on 15 January in Auckland is summer time (NZDT, UTC+13): 01:30 UTC.
    await gamma.getByLabel("Show until (Pacific/Auckland time)").fill("2027-01-15T14:30");
    await gamma.getByRole("button", { name: "Set end" }).focus();
    await pressEnterAndWaitForPage(page);
    const items = (await (await app.api("GET", "/api/admin/announcements?state=shown")).json()).items as { announcement: { text: string }; showUntil: string | null }[];
    expect(items.find((item) => item.announcement.text.includes("console-gamma"))?.showUntil).toBe("2027-01-15T01:30:00.000Z");
    await expect(gamma.locator(".console-state").textContent()).resolves.toBe("Shown · Until 2027-01-15 14:30 NZDT");
    await expect(gamma.locator(".console-state time").getAttribute("datetime")).resolves.toBe("2027-01-15T01:30:00.000Z");
    await expect(gamma.getByLabel("Show until (Pacific/Auckland time)").inputValue()).resolves.toBe("2027-01-15T14:30");
    await page.locator("#announcements").screenshot({ path: `${SHOTS}/no-js-show-until.png` });
    // 02:30 on 26 September 2027 never happens in Auckland (02:00 NZST → 03:00 NZDT): refused with the moment meant.
    await gamma.getByLabel("Show until (Pacific/Auckland time)").fill("2027-09-26T02:30");
    await gamma.getByRole("button", { name: "Set end" }).focus();
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
    await expect(page.locator(".error").first().textContent()).resolves.toContain("2027-09-26 02:30 does not exist in Pacific/Auckland");
    await expect(page.locator(".error").first().textContent()).resolves.toContain("2027-09-26 03:30 NZDT");
    await expect(gamma.locator(".console-state").textContent()).resolves.toBe("Shown · Until 2027-01-15 14:30 NZDT");
    expect(streams).toEqual([]);
    // The API reads a time without an offset the same way (never in the server process's own zone).
    const id = (await (await app.api("GET", "/api/admin/announcements?state=shown")).json()).items.find((item: { announcement: { text: string } }) => item.announcement.text.includes("console-gamma")).announcement.id;
    await expect((await app.api("PATCH", `/api/admin/announcements/${id}`, { showUntil: "2027-01-15T14:45" })).json()).resolves.toMatchObject({ showUntil: "2027-01-15T01:45:00.000Z" });
    const skipped = await app.api("PATCH", `/api/admin/announcements/${id}`, { showUntil: "2027-09-26T02:30" });
    expect(skipped.status).toBe(400);
    await expect(skipped.json()).resolves.toMatchObject({ error: expect.stringContaining("does not exist in Pacific/Auckland") });
    await context.close();
  });
});

function readLive(page: Page): Promise<string> {
  return page.locator("#console-live").evaluate((element) => element.textContent ?? "");
}

/** The page was not reloaded, the focused element is the one focused before, and it has not moved on screen. */
async function expectUndisturbed(page: Page, topBefore: number): Promise<void> {
  const now = await page.evaluate(() => ({
    isSamePage: (window as unknown as { loadMark?: boolean }).loadMark === true,
    isSameFocus: (document.activeElement as unknown as { focusMark?: boolean } | null)?.focusMark === true,
    top: document.activeElement?.getBoundingClientRect().top ?? Number.NaN,
  }));
  expect(now).toMatchObject({ isSamePage: true, isSameFocus: true });
  expect(Math.abs(now.top - topBefore)).toBeLessThan(2);
}
