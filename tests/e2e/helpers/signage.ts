import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { openContext } from "./browser";

/** Where the signage tests leave their screenshots (looked at by a person). */
export const SHOTS_DIR = "/tmp/signage-shots";

export const LANDSCAPE = { width: 1920, height: 1080 };
export const PORTRAIT = { width: 1080, height: 1920 };

/** Opens a signage page in a fresh context at a screen size; waits for the first slide (or state). */
export async function openSignage(browser: Browser, url: string, viewport: { width: number; height: number }) {
  const context = await openContext(browser, { viewport });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector("main[data-mode]");
  return { page, context, close: () => context.close() };
}

/** What the screen shows now. */
export function readScreen(page: Page): Promise<{ mode: string; state: string; id: string | null; text: string; priority: string | null }> {
  return page.evaluate(() => {
    const main = document.querySelector("main[data-mode]") as HTMLElement;
    const slide = document.querySelector("[data-slide-id]") as HTMLElement | null;
    return {
      mode: main.dataset.mode ?? "",
      state: main.dataset.state ?? "",
      id: slide?.dataset.slideId ?? null,
      text: slide?.innerText ?? main.innerText,
      priority: slide?.dataset.priority ?? null,
    };
  });
}

/** Milliseconds until the screen satisfies a condition (checked every animation frame), or throws after the timeout. */
export async function timeUntil(page: Page, condition: string, arg: unknown, started: number, timeoutMs = 10_000): Promise<number> {
  try {
    await page.waitForFunction(new Function("arg", condition) as (arg: unknown) => boolean, arg, { polling: "raf", timeout: timeoutMs });
  } catch (error) {
    const screen = await readScreen(page).catch(() => null);
    const stats = await page.evaluate(() => (window as unknown as { crierSignageStats?: unknown }).crierSignageStats).catch(() => null);
    throw new Error(`${(error as Error).message}\nwaiting for ${JSON.stringify(arg)}; the screen shows ${JSON.stringify(screen)}; stats ${JSON.stringify(stats)}`);
  }
  return Date.now() - started;
}

/** The screen's slide text contains `text`. */
export const SHOWS_TEXT = `const slide = document.querySelector("[data-slide-id]"); return !!slide && slide.textContent.includes(arg);`;
/** No slide on screen contains `text`. */
export const LACKS_TEXT = `return !document.body.textContent.includes(arg);`;
/** The screen is in a mode (rotating, emergency, closed, empty). */
export const IN_MODE = `return document.querySelector("main[data-mode]")?.dataset.mode === arg;`;

/** Saves a screenshot under SHOTS_DIR. */
export async function saveShot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const file = path.join(SHOTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}
