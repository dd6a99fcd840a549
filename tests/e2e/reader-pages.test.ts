import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../integration/helpers/processes";
import { launchChromium, openContext } from "./helpers/browser";
import { LONG_URL, startReaderFixture, type ReaderFixture } from "./helpers/reader-fixture";

let fixture: ReaderFixture;
let browser: Browser;

beforeAll(async () => {
  fixture = await startReaderFixture();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
});

describe("with JavaScript disabled", () => {
  it("shows the announcements, and switches theme, text size and language by plain form posts", async () => {
    const context = await openContext(browser, { javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${fixture.app.url}/`);
    await expect(page.locator("main").innerText()).resolves.toContain("避難訓練のお知らせ");
    expect(await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(24);

    await page.getByRole("link", { name: "Text size and colours" }).click();
    await page.getByLabel("Yellow text on black").check();
    await page.getByLabel(/Largest/).check();
    await page.getByRole("button", { name: "Save my choices" }).click();
    await page.waitForURL(/\/settings\?saved=1$/);
    await page.goto(`${fixture.app.url}/`);
    expect(await page.getAttribute("html", "data-theme")).toBe("yellow");
    const colours = await page.evaluate(() => ({ color: getComputedStyle(document.body).color, background: getComputedStyle(document.body).backgroundColor, size: parseFloat(getComputedStyle(document.body).fontSize) }));
    expect(colours).toEqual({ color: "rgb(255, 213, 0)", background: "rgb(0, 0, 0)", size: 44 });

    await page.getByRole("button", { name: "Nederlands" }).click();
    await page.waitForURL(`${fixture.app.url}/`);
    expect(await page.getAttribute("html", "lang")).toBe("nl");
    await expect(page.locator("h1").innerText()).resolves.toBe("Mededelingen");
    await context.close();
  });

  it("answers the settings form with 303 and cookies, and never redirects off the site", async () => {
    const body = new URLSearchParams({ theme: "dark", size: "3", back: "//evil.example/" });
    const response = await fetch(`${fixture.app.url}/settings/save`, { method: "POST", body, redirect: "manual" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/");
    expect(response.headers.getSetCookie().join("\n")).toMatch(/crier-theme=dark[\s\S]*crier-size=3/);
  });
});

describe("what an announcement shows", () => {
  it("has the official mark, the post's language, the content warning closed, picture descriptions and the whole long URL", async () => {
    const context = await openContext(browser);
    const page = await context.newPage();
    await page.goto(`${fixture.app.url}/`);
    await expect(page.locator(".official-mark").first().innerText()).resolves.toContain("Official");
    await expect(page.locator('.announcement-text[lang="ar"][dir="auto"]').count()).resolves.toBe(1);
    await expect(page.locator('.announcement-text[lang="ja"]').count()).resolves.toBe(1);
    const warning = page.locator("details.content-warning").first();
    expect(await warning.getAttribute("open")).toBeNull();
    await expect(warning.locator("summary").innerText()).resolves.toContain("Warning: Flooding");
    expect(await warning.locator(".announcement-text").isVisible()).toBe(false);
    await warning.locator("summary").click();
    expect(await warning.locator(".announcement-text").isVisible()).toBe(true);
    const captions = await page.locator("figcaption").allInnerTexts();
    expect(captions).toContain("Picture: A round red no-entry sign beside a striped road barrier on an empty road.");
    expect(captions).toContain("Picture: No description was given for this picture.");
    expect(await page.locator("main").innerText()).toContain(LONG_URL);
    const listen = page.getByRole("link", { name: "Listen to this announcement" }).first();
    expect(await listen.getAttribute("href")).toMatch(/^\/listen\?id=/);
    await context.close();
  });

  it("picks the interface language from Accept-Language and writes the date in it", async () => {
    for (const [locale, heading, word] of [["fr-FR", "Annonces", "janvier"], ["de-DE", "Bekanntmachungen", "Januar"], ["ja-JP", "お知らせ一覧", "1月"], ["mi-NZ", "Ngā pānui", "Hānuere"]] as const) {
      const context = await openContext(browser, { locale });
      const page = await context.newPage();
      await page.goto(`${fixture.app.url}/`);
      expect(await page.getAttribute("html", "lang")).toBe(locale.slice(0, 2));
      await expect(page.locator("h1").innerText()).resolves.toBe(heading);
      await expect(page.locator("time").first().innerText()).resolves.toContain(word);
      await context.close();
    }
  });

  it("has one page per announcement and per account, and a 404 page for a missing one", async () => {
    const { items } = await (await fetch(`${fixture.app.url}/api/announcements?limit=100`)).json();
    const one = await fetch(`${fixture.app.url}/announcements/${items[0].id}`);
    expect(one.status).toBe(200);
    expect(await one.text()).toContain("<h1");
    const account = await (await fetch(`${fixture.app.url}/accounts/${encodeURIComponent(fixture.handle)}`)).text();
    expect(account).toContain("Announcements from Demo City Council");
    expect((await fetch(`${fixture.app.url}/announcements/missing`)).status).toBe(404);
  });
});

describe("feeds", () => {
  it("serves RSS and Atom, all and per account, linked from the pages' heads", async () => {
    const html = await (await fetch(`${fixture.app.url}/`)).text();
    expect(html).toMatch(/<link rel="alternate" type="application\/rss\+xml"[^>]*href="\/feed.xml"/);
    expect(html).toMatch(/<link rel="alternate" type="application\/atom\+xml"[^>]*href="\/atom.xml"/);
    const rss = await fetch(`${fixture.app.url}/feed.xml`);
    expect(rss.headers.get("content-type")).toContain("application/rss+xml");
    expect((await rss.text()).match(/<item>/g)?.length).toBeGreaterThanOrEqual(7);
    const accountPath = `/accounts/${encodeURIComponent(fixture.handle)}`;
    const accountHtml = await (await fetch(`${fixture.app.url}${accountPath}`)).text();
    expect(accountHtml).toContain(`href="${accountPath}/atom.xml"`.replace(/@/g, "%40"));
    const atom = await fetch(`${fixture.app.url}${accountPath}/atom.xml`);
    expect(atom.headers.get("content-type")).toContain("application/atom+xml");
    expect(await atom.text()).toContain("<entry");
  });

  it("answers a reader polling an unchanged feed with 304 and no body", async () => {
    for (const path of ["/feed.xml", "/atom.xml"]) {
      const first = await fetch(`${fixture.app.url}${path}`);
      const etag = first.headers.get("etag");
      expect(etag, path).toMatch(/^"[\w-]+"$/);
      expect((await first.text()).length).toBeGreaterThan(0);
      const again = await fetch(`${fixture.app.url}${path}`, { headers: { "if-none-match": etag! } });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe("");
      expect((await fetch(`${fixture.app.url}${path}`, { headers: { "if-none-match": '"other"' } })).status).toBe(200);
    }
  });
});

describe("live updates (progressive enhancement)", () => {
  it("offers the new announcements politely without moving what is on the page", async () => {
    const context = await openContext(browser, { viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${fixture.app.url}/`);
    const firstArticle = page.locator("article").first();
    const before = { box: await firstArticle.boundingBox(), text: await firstArticle.innerText() };
    await fixture.council.control("POST", "/actors/council/posts", { content: "The town hall car park is closed on Saturday.", language: "en" });
    const link = page.locator(".live-slot a");
    // SWR re-checks when the window gains focus; nudge it until the new post is counted.
    await waitFor(async () => {
      await page.evaluate(() => window.dispatchEvent(new Event("focus")));
      return (await link.count()) > 0;
    }, 20_000, () => "the new-announcements link never appeared", 500);
    expect(await link.innerText()).toBe("1 new announcement. Show it");
    expect(await page.locator(".live-slot").getAttribute("role")).toBe("status");
    expect({ box: await firstArticle.boundingBox(), text: await firstArticle.innerText() }).toEqual(before);
    await link.click();
    await expect(page.locator("article").first().innerText()).resolves.toContain("town hall car park");
    await context.close();
  });
});
