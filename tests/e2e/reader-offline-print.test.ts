import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium, openContext } from "./helpers/browser";
import { SAMPLE_POSTS, startReaderFixture, type ReaderFixture } from "./helpers/reader-fixture";

// Installable and readable offline (the service worker keeps the last pages seen, and their pictures),
// and a notice that prints large and clean on one sheet.

let fixture: ReaderFixture;
let browser: Browser;

beforeAll(async () => {
  fixture = await startReaderFixture({ posts: [SAMPLE_POSTS[0]!, SAMPLE_POSTS[2]!] });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
});

describe("installable and offline", () => {
  it("serves a web app manifest with a name, a start URL and an icon", async () => {
    const html = await (await fetch(`${fixture.app.url}/`)).text();
    const href = /<link rel="manifest" href="([^"]+)"/.exec(html)?.[1];
    expect(href).toBeTruthy();
    const manifest = await (await fetch(new URL(href!, fixture.app.url))).json();
    expect(manifest).toMatchObject({ start_url: "/", display: "standalone" });
    expect(manifest.name).toBeTruthy();
    expect(manifest.icons.length).toBeGreaterThan(0);
  });

  it("keeps the last pages seen readable without network", async () => {
    const context = await openContext(browser);
    const page = await context.newPage();
    await page.goto(`${fixture.app.url}/`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The first load installs the worker; the next ones pass through it and are kept.
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const link = page.getByRole("link", { name: /own page/i }).first();
    const announcementUrl = new URL((await link.getAttribute("href"))!, fixture.app.url).href;
    await page.goto(announcementUrl);
    await page.goto(`${fixture.app.url}/`);
    // The picture, from Crier's own origin, has loaded once (and so passed through the worker).
    const isPictureShown = () => page.locator(".picture img").first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && img.currentSrc.includes("/media/"));
    await expect.poll(isPictureShown, { timeout: 10_000 }).toBe(true);
    await page.screenshot({ path: "/tmp/crier-reader-picture.png", fullPage: true });

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByText("Station Road is closed").first().isVisible()).resolves.toBe(true);
    // Pictures seen once are shown offline too.
    await expect.poll(isPictureShown, { timeout: 10_000 }).toBe(true);
    await page.goto(announcementUrl);
    await expect(page.locator("main").innerText()).resolves.toMatch(/Station Road|Bins go out/);
    await context.close();
  });
});

describe("print", () => {
  it("prints an announcement on one sheet, large, without the site's controls", async () => {
    const context = await openContext(browser);
    const page = await context.newPage();
    await page.goto(`${fixture.app.url}/`);
    const href = await page.getByRole("link", { name: /own page/i }).first().getAttribute("href");
    await page.goto(new URL(href!, fixture.app.url).href);
    await page.emulateMedia({ media: "print" });
    const style = await page.evaluate(() => {
      const text = document.querySelector(".announcement-text") ?? document.querySelector("main p");
      const footer = document.querySelector(".site-footer");
      return {
        fontSize: parseFloat(getComputedStyle(text!).fontSize),
        footerHidden: footer ? getComputedStyle(footer).display === "none" : true,
        formsHidden: [...document.querySelectorAll("form")].every((form) => getComputedStyle(form).display === "none"),
      };
    });
    expect(style.fontSize).toBeGreaterThanOrEqual(21); // 16 pt
    expect(style.footerHidden).toBe(true);
    expect(style.formsHidden).toBe(true);
    const pdf = await page.pdf({ format: "A4" });
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(pages).toHaveLength(1);
    await context.close();
  });
});
