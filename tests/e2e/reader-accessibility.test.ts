import { mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, openContext, settingsCookies } from "./helpers/browser";
import { startReaderFixture, type ReaderFixture } from "./helpers/reader-fixture";

// Real Chromium against the built app, with real announcements from the demo council
// (CJK, Arabic, a picture with and without a description, a content warning, a long URL).

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag2aaa", "wcag21aa", "wcag22aa"];
const THEMES = [
  { theme: "light", colorScheme: "light" },
  { theme: "dark", colorScheme: "light" },
  { theme: "yellow", colorScheme: "light" },
  { theme: "system", colorScheme: "light" },
  { theme: "system", colorScheme: "dark" },
] as const;
const SIZES = [1, 5];

let fixture: ReaderFixture;
let browser: Browser;
let pages: string[];

beforeAll(async () => {
  fixture = await startReaderFixture();
  browser = await launchChromium();
  const { items } = await (await fetch(`${fixture.app.url}/api/announcements?limit=100`)).json();
  const warned = items.find((item: { summary: string | null }) => item.summary);
  pages = ["/", `/announcements/${warned.id}`, `/accounts/${encodeURIComponent(fixture.handle)}`, "/settings", "/announcements/no-such-id", "/?before=" + items[3].id];
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
});

async function openPage(path: string, options: { theme?: string; size?: number; width?: number; height?: number; scale?: number; colorScheme?: "light" | "dark" } = {}) {
  const context = await openContext(browser, {
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    deviceScaleFactor: options.scale ?? 1,
    colorScheme: options.colorScheme ?? "light",
  });
  await context.addCookies(settingsCookies(fixture.app.url, options.theme ?? "system", options.size ?? 1));
  const page = await context.newPage();
  await page.goto(fixture.app.url + path);
  return { page, close: () => context.close() };
}

/** Opens every content warning, so what is inside is checked too. */
async function openAllDetails(page: Page) {
  await page.evaluate(() => document.querySelectorAll("details").forEach((details) => (details.open = true)));
}

function hasHorizontalScroll(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

describe("axe-core (wcag2a, wcag2aa, wcag2aaa, wcag21aa, wcag22aa)", () => {
  // Every theme at text size 1, where contrast is strictest (AAA asks 7:1 of text below
  // 18 pt, 4.5:1 above); size 5 once more (its reflow and targets are checked below).
  const runs = [...THEMES.map((entry) => ({ ...entry, size: SIZES[0]! })), { ...THEMES[0], size: SIZES[1]! }];
  for (const { theme, colorScheme, size } of runs) {
    it(`finds no violations on any page, theme ${theme} (system ${colorScheme}), text size ${size}`, async () => {
      const report: string[] = [];
      for (const path of pages) {
        const { page, close } = await openPage(path, { theme, size, colorScheme });
        await openAllDetails(page);
        const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        for (const violation of result.violations) {
          report.push(`${path}: ${violation.id} ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
        }
        await close();
      }
      expect(report).toEqual([]);
    });
  }
});

describe("reflow and text spacing", () => {
  for (const [label, viewport] of [
    ["320 px wide", { width: 320, height: 640, scale: 1 }],
    ["400 % zoom of 1280 px", { width: 320, height: 200, scale: 4 }],
  ] as const) {
    it(`has no horizontal scrolling at ${label}, at every text size step 1 and 5`, async () => {
      const scrolling: string[] = [];
      for (const size of SIZES) {
        for (const path of pages) {
          const { page, close } = await openPage(path, { size, ...viewport });
          await openAllDetails(page);
          if (await hasHorizontalScroll(page)) scrolling.push(`${path} size ${size}`);
          await close();
        }
      }
      expect(scrolling).toEqual([]);
    });
  }

  it("loses nothing under the WCAG 1.4.12 text-spacing override", async () => {
    const problems: string[] = [];
    for (const path of pages) {
      const { page, close } = await openPage(path, { width: 390, height: 844 });
      await openAllDetails(page);
      const before = await page.evaluate(() => document.body.innerText);
      await page.addStyleTag({
        content: "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }",
      });
      const after = await page.evaluate(() => document.body.innerText);
      const clipped = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>("body *")]
          .filter((element) => {
            const style = getComputedStyle(element);
            const clips = style.overflow !== "visible" || style.overflowX !== "visible" || style.overflowY !== "visible";
            return clips && element.offsetParent !== null && (element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1);
          })
          .map((element) => element.tagName + "." + element.className),
      );
      if (after !== before) problems.push(`${path}: text changed`);
      if (clipped.length) problems.push(`${path}: clipped ${clipped.join(", ")}`);
      if (await hasHorizontalScroll(page)) problems.push(`${path}: horizontal scroll`);
      await close();
    }
    expect(problems).toEqual([]);
  });
});

describe("keyboard and targets", () => {
  it("reaches every control with Tab, each with a visible focus indicator", async () => {
    for (const path of ["/", "/settings"]) {
      const { page, close } = await openPage(path, { width: 1280, height: 800 });
      // Radio buttons form one Tab stop per group; count each group once.
      const expected = await page.evaluate(() => {
        const seen = new Set<string>();
        return [...document.querySelectorAll<HTMLElement>("a[href], button, summary, input:not([type=hidden])")].filter((element) => {
          if (element instanceof HTMLInputElement && element.type === "radio") {
            if (seen.has(element.name)) return false;
            seen.add(element.name);
          }
          return !element.closest("details:not([open])") || element.tagName === "SUMMARY";
        }).map((element, index) => element.setAttribute("data-kb", String(index))).length;
      });
      const reached: string[] = [];
      const unfocusable: string[] = [];
      for (let i = 0; i < expected + 5; i++) {
        await page.keyboard.press("Tab");
        const info = await page.evaluate(() => {
          const element = document.activeElement as HTMLElement | null;
          if (!element || element === document.body) return null;
          const style = getComputedStyle(element);
          const hasOutline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
          const hasBlock = style.backgroundColor !== "rgba(0, 0, 0, 0)" && style.boxShadow !== "none";
          return { key: element.getAttribute("data-kb") ?? `unexpected ${element.tagName}`, visible: hasOutline || hasBlock };
        });
        if (!info) continue;
        if (!reached.includes(info.key)) reached.push(info.key);
        if (!info.visible) unfocusable.push(info.key);
      }
      expect(reached.filter((key) => !key.startsWith("unexpected")).length, `${path} reached ${reached.join(" | ")}`).toBe(expected);
      expect(unfocusable, `${path}: focus not visible`).toEqual([]);
      await close();
    }
  });

  it("opens a content warning and saves settings with the keyboard alone", async () => {
    const { page, close } = await openPage("/");
    const summary = page.locator("details.content-warning > summary").first();
    await summary.focus();
    await page.keyboard.press("Enter");
    expect(await page.locator("details.content-warning").first().getAttribute("open")).not.toBeNull();
    await close();

    const settings = await openPage("/settings");
    await settings.page.locator('input[name="theme"][value="system"]').focus();
    await settings.page.keyboard.press("ArrowDown"); // light
    await settings.page.keyboard.press("ArrowDown"); // dark
    await settings.page.locator('button[type="submit"]', { hasText: "Save" }).focus();
    await settings.page.keyboard.press("Enter");
    await settings.page.waitForURL(/saved=1/);
    expect(await settings.page.getAttribute("html", "data-theme")).toBe("dark");
    await settings.close();
  });

  it("makes every target at least 44 by 44 px (links inside announcement text are inline and exempt)", async () => {
    const small: string[] = [];
    for (const path of pages) {
      for (const size of SIZES) {
        const { page, close } = await openPage(path, { size, width: 390, height: 844 });
        await openAllDetails(page);
        small.push(
          ...(await page.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>("a[href], button, summary, label.choice")]
              .filter((element) => !element.closest(".announcement-text") && !element.classList.contains("skip-link"))
              .map((element) => ({ element, rect: element.getBoundingClientRect() }))
              .filter(({ rect }) => rect.width < 44 || rect.height < 44)
              .map(({ element, rect }) => `${element.tagName} "${element.textContent?.trim().slice(0, 30)}" ${Math.round(rect.width)}×${Math.round(rect.height)}`),
          )).map((entry) => `${path} size ${size}: ${entry}`),
        );
        await close();
      }
    }
    expect(small).toEqual([]);
  });
});

describe("screenshots of / in every theme, phone and desktop", () => {
  // Saved for a person to look at (CRIER_SHOTS_DIR, default /tmp/crier-shots/reader);
  // the test checks each theme really paints its colours and the first paint has no script to wait for.
  const EXPECTED: Record<string, { background: string; text: string }> = {
    "light/light": { background: "rgb(255, 255, 255)", text: "rgb(0, 0, 0)" },
    "dark/light": { background: "rgb(0, 0, 0)", text: "rgb(255, 255, 255)" },
    "yellow/light": { background: "rgb(0, 0, 0)", text: "rgb(255, 213, 0)" },
    "system/light": { background: "rgb(255, 255, 255)", text: "rgb(0, 0, 0)" },
    "system/dark": { background: "rgb(0, 0, 0)", text: "rgb(255, 255, 255)" },
  };
  const VIEWPORTS = [
    { name: "phone", width: 390, height: 844, scale: 2 },
    { name: "desktop", width: 1280, height: 800, scale: 1 },
  ];

  it("paints each theme's colours, and saves the screenshots", async () => {
    const dir = process.env.CRIER_SHOTS_DIR ?? "/tmp/crier-shots/reader";
    mkdirSync(dir, { recursive: true });
    for (const { theme, colorScheme } of THEMES) {
      for (const viewport of VIEWPORTS) {
        const { page, close } = await openPage("/", { theme, colorScheme, ...viewport });
        const colours = await page.evaluate(() => {
          const style = getComputedStyle(document.body);
          return { background: style.backgroundColor, text: style.color };
        });
        expect(colours, `${theme}/${colorScheme}`).toEqual(EXPECTED[`${theme}/${colorScheme}`]);
        const file = path.join(dir, `${theme}-${colorScheme}-${viewport.name}.png`);
        await page.screenshot({ path: file });
        expect(statSync(file).size).toBeGreaterThan(10_000);
        await close();
      }
    }
  });
});
