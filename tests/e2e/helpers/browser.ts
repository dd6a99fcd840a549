import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from "playwright-core";

/** Debian's Chromium (apt-get install chromium); never a downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Launches headless Chromium with the flags that work in CI containers. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
}

/** A fresh context (axe needs one; a bare browser.newPage() breaks it). The council's self-signed images load. */
export async function openContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({ ignoreHTTPSErrors: true, locale: "en-GB", ...options });
}

/** Cookies that choose a theme and a text size, as the settings form would set them. */
export function settingsCookies(url: string, theme: string, size: number) {
  return [
    { name: "crier-theme", value: theme, url },
    { name: "crier-size", value: String(size), url },
  ];
}
