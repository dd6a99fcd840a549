import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startCouncil, waitFor, type App, type Council } from "../integration/helpers/processes";

// /listen in real Chromium: axe at WCAG 2.2 AAA tags, the accessibility tree, keyboard
// operation and no autoplay.

let council: Council;
let app: App;
let browser: Browser;
const ids: string[] = [];

async function openListen(query = ""): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${app.url}/listen${query}`);
  return page;
}

beforeAll(async () => {
  council = await startCouncil();
  app = await startApp({ certPath: council.certPath });
  await app.api("POST", "/api/admin/subscriptions", { handle: `@council@${council.host}` });
  await waitFor(async () => (await (await app.api("GET", "/api/admin/subscriptions")).json()).items[0]?.state === "accepted", 15_000, () => "not accepted");
  for (const post of [
    { content: "<p>図書館は月曜日に再開します。</p>", language: "ja" },
    { content: "<p>De markt verhuist naar het Stationsplein.</p>", language: "nl" },
    { content: "<p>Elm Road is closed for repairs. #RoadWorks</p>", language: "en", summary: "Road closure", attachments: [{ file: "road-closed.png", alt: "A red road-closed sign." }] },
  ]) {
    const created = await council.control("POST", "/actors/council/posts", post);
    const item = await waitFor(async () => (await (await fetch(`${app.url}/api/announcements?limit=100`)).json()).items.find((entry: any) => entry.uri === created.id), 15_000, () => "post never arrived");
    ids.push(item.id);
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await council?.stop();
});

describe("/listen", () => {
  it("has no axe violations (wcag2a, wcag2aa, wcag2aaa, wcag21aa, wcag22aa), on the newest and on a device-voice announcement", async () => {
    for (const query of ["", `?id=${ids[0]}`]) {
      const page = await openListen(query);
      if (query) expect(await page.locator("main").textContent()).toContain("your device");
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag2aaa", "wcag21aa", "wcag22aa"]).analyze();
      expect(results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(", ")}`)).toEqual([]);
      await page.context().close();
    }
  });

  it("exposes named controls, headings, shortcuts and a status region in the accessibility tree", async () => {
    const page = await openListen(`?id=${ids[2]}`);
    const tree = await page.locator("main").ariaSnapshot();
    expect(tree).toContain('heading "Listen to announcements" [level=1]');
    expect(tree).toContain('group "Player controls"');
    expect(tree).toMatch(/button "Play"/);
    expect(tree).toMatch(/button "Next"/);
    expect(tree).toContain('heading "Transcript" [level=2]');
    expect(tree).toMatch(/strong: "Content warning:"\s*\n\s*- text: Road closure/);
    expect(tree).toContain("Image: A red road-closed sign.");
    expect(await page.getByRole("button", { name: "Play" }).getAttribute("aria-keyshortcuts")).toBe("K");
    expect(await page.getByRole("status").count()).toBe(1);
    await page.context().close();
  });

  it("does not play anything until asked, and works from the keyboard", async () => {
    const page = await openListen(`?id=${ids[2]}`);
    const audio = page.locator("audio");
    expect(await audio.evaluate((element: HTMLAudioElement) => ({ paused: element.paused, autoplay: element.autoplay, preload: element.preload }))).toEqual({ paused: true, autoplay: false, preload: "none" });
    await page.waitForTimeout(500);
    expect(await audio.evaluate((element: HTMLAudioElement) => element.paused)).toBe(true);

    // Tab reaches the controls; Enter plays, K pauses, L and J move through announcements.
    const play = page.getByRole("button", { name: "Play" });
    for (let presses = 0; presses < 20 && !(await play.evaluate((element) => element === document.activeElement)); presses++) await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => !element.paused), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByRole("button", { name: "Pause" }).count()).toBe(1);
    await page.keyboard.press("k");
    await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.paused)).toBe(true);
    const readPosition = async () => Number(/Announcement (\d) of 3/.exec((await page.locator("main").textContent()) ?? "")?.[1]);
    const start = await readPosition();
    const [forward, back, step] = start < 3 ? ["l", "j", 1] : ["j", "l", -1];
    await page.keyboard.press(forward);
    await expect.poll(readPosition).toBe(start + step);
    await expect.poll(() => page.getByRole("status").textContent()).toContain(`${start + step} of 3`);
    await page.keyboard.press(back);
    await expect.poll(readPosition).toBe(start);
    // Moving does not start playing on its own.
    expect(await audio.evaluate((element: HTMLAudioElement) => element.paused)).toBe(true);
    await page.context().close();
  });

  it("names every list entry by account, date, time and first words, so no two read alike, and draws its icons (no glyph boxes)", async () => {
    const page = await openListen();
    const names = await page.getByRole("navigation", { name: "All announcements" }).getByRole("link").evaluateAll((links) => links.map((link) => link.textContent?.trim() ?? ""));
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(names.length);
    const tree = await page.getByRole("navigation", { name: "All announcements" }).ariaSnapshot();
    const treeNames = [...tree.matchAll(/link "([^"]+)"/g)].map((match) => match[1]);
    expect(new Set(treeNames).size).toBe(3);
    expect(treeNames.some((name) => /Elm Road is closed|Road closure/.test(name!))).toBe(true);
    // The controls' symbols are inline SVG beside their text, not characters a font may lack.
    expect(await page.locator("main").textContent()).not.toMatch(/[⏮⏭⏸▶]/);
    expect(await page.locator('button svg[aria-hidden="true"]').count()).toBe(3);
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.screenshot({ path: "/tmp/crier-listen.png", fullPage: true });
    await page.context().close();
  });

  it("plays at 0.75×, 1×, 1.25× or 1.5× keeping the pitch, and this device remembers the choice", async () => {
    const page = await openListen(`?id=${ids[2]}`);
    await page.getByRole("radio", { name: "1.25×" }).check();
    const audio = page.locator("audio");
    expect(await audio.evaluate((element: HTMLAudioElement) => [element.playbackRate, element.preservesPitch])).toEqual([1.25, true]);
    await page.reload();
    await expect.poll(() => page.getByRole("radio", { name: "1.25×" }).isChecked()).toBe(true);
    expect(await page.locator("audio").evaluate((element: HTMLAudioElement) => element.playbackRate)).toBe(1.25);
    await page.getByRole("button", { name: "Play" }).click();
    await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime > 0 && element.playbackRate === 1.25), { timeout: 10_000 }).toBe(true);
    await page.context().close();
  });
});
