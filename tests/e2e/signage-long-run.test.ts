import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./helpers/browser";
import { SAMPLE_POSTS, startReaderFixture, type ReaderFixture } from "./helpers/reader-fixture";
import { LANDSCAPE, openSignage, readScreen } from "./helpers/signage";
import { waitFor } from "../integration/helpers/processes";
import { openEventStream } from "../integration/helpers/sse";

// Months on a kiosk, accelerated: ?speed=400 makes slides last a few tens of ms, so
// one page goes through ≥ 2,000 slide changes while ≥ 500 real edits arrive over
// ActivityPub and SSE. The JS heap after forced GC must not grow by 10 MB.

const SLIDE_CHANGES = 2000;
const LIVE_UPDATES = 500;

let fixture: ReaderFixture;
let browser: Browser;

beforeAll(async () => {
  // 500 edits of one account in minutes: far past the default ACCOUNT_UPDATES_PER_HOUR (120), which this run is not about.
  // The kiosk shows HTML slides: no PNG slides, audio or picture copies are made ahead for the 500 edits.
  fixture = await startReaderFixture({ posts: SAMPLE_POSTS.slice(0, 5), env: { ACCOUNT_UPDATES_PER_HOUR: "100000", PRERENDER: "none" } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop();
});

describe("long run", () => {
  it(`survives ${SLIDE_CHANGES} slide changes and ${LIVE_UPDATES} live updates without the heap growing 10 MB`, async () => {
    const { page, close } = await openSignage(browser, `${fixture.app.url}/signage/default?kiosk=1&device=e2e-long-run&speed=400`, LANDSCAPE);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const heapAfterGc = async () => {
      await cdp.send("HeapProfiler.collectGarbage");
      const { metrics } = await cdp.send("Performance.getMetrics");
      return metrics.find((metric) => metric.name === "JSHeapUsedSize")!.value;
    };
    const stats = () => page.evaluate(() => ({ ...(window as unknown as { crierSignageStats: { slideChanges: number; liveUpdates: number } }).crierSignageStats }));
    try {
      await page.waitForFunction(() => ((window as any).crierSignageStats?.slideChanges ?? 0) > 50);
      const baseline = await heapAfterGc();
      const start = await stats();
      const posts = (await fixture.council.control("GET", "/posts")).items as { id: string; content: string }[];
      // Every edit must come through the app's own event stream, and then reach the page.
      // Like Mastodon, the council names an Update by its post and the second it was made
      // (`#updates/{seconds}`), and a receiver keeps one activity per id: a second edit of
      // one post within the same second is the same activity to it. So a post is edited
      // again only 1.05 s after the council answered its previous edit (the council stamps
      // the edit before it answers), and each round waits for all its edits to be carried.
      const stream = await openEventStream(`${fixture.app.url}/api/events`);
      const started = Date.now();
      const carried = (text: string) => stream.events.some((event) => event.data?.announcement?.text?.trim() === text);
      const lastText = new Map<string, string>();
      const lastEditAnswered = new Map<string, number>();
      const replies = new Map<string, unknown>();
      let edits = 0;
      while (edits < LIVE_UPDATES) {
        const texts: string[] = [];
        for (const target of posts) {
          const wait = (lastEditAnswered.get(target.id) ?? 0) + 1050 - Date.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          // Short texts: every edit is also re-rendered as slide images and re-spoken by the app.
          const text = `Update ${edits}.`;
          const sent = await fixture.council.control("PATCH", `/posts/${encodeURIComponent(target.id)}`, { content: `<p>${text}</p>` });
          lastEditAnswered.set(target.id, Date.now());
          replies.set(text, { activityId: sent.activityId, delivered: sent.delivered });
          lastText.set(target.id, text);
          texts.push(text);
          edits++;
        }
        await waitFor(async () => texts.every(carried), 30_000, () =>
          `the app's event stream never carried ${texts.filter((text) => !carried(text)).map((text) => `"${text}" (council: ${JSON.stringify(replies.get(text))})`).join(", ")} (${stream.events.length} events after ${edits} edits)\n${fixture.app.output().slice(-6000)}`, 20);
        if (edits % 100 < posts.length) console.log(`[signage long run] ${edits} edits, ${stream.events.length} events, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      }
      await new Promise((resolve) => setTimeout(resolve, 3000));
      stream.close();
      const sent = stream.events.length;
      console.log(`[signage long run] ${edits} edits → ${sent} events sent in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      await page.waitForFunction((wanted) => (window as any).crierSignageStats.liveUpdates >= wanted, start.liveUpdates + sent, { timeout: 30_000, polling: 500 });
      await page.waitForFunction((wanted) => (window as any).crierSignageStats.slideChanges >= wanted, start.slideChanges + SLIDE_CHANGES, { timeout: 300_000, polling: 500 });
      const end = await stats();
      const final = await heapAfterGc();
      const growthMb = (final - baseline) / 1024 / 1024;
      console.log(`[signage long run] ${end.slideChanges - start.slideChanges} slide changes, ${end.liveUpdates - start.liveUpdates} live updates in ${((Date.now() - started) / 1000).toFixed(0)} s; JS heap after GC ${(baseline / 1048576).toFixed(2)} MB → ${(final / 1048576).toFixed(2)} MB (growth ${growthMb.toFixed(2)} MB)`);
      expect(sent).toBe(edits);
      expect(end.liveUpdates - start.liveUpdates).toBeGreaterThanOrEqual(sent);
      expect(growthMb).toBeLessThan(10);
      // The last edit of every post is what the screen's feed has: nothing lost or stale.
      const feed = await (await fetch(`${fixture.app.url}/api/signage/default/feed.json`)).json();
      for (const [id, text] of lastText) {
        const item = feed.items.find((announcement: { uri: string }) => announcement.uri.endsWith(`/${id}`));
        expect(item?.text?.trim(), `post ${id}`).toBe(text);
      }
      const shown = await page.evaluate(() => document.querySelector("[data-slide-id]")?.textContent ?? "");
      expect(shown).toMatch(/Update \d+\./);
      expect((await readScreen(page)).state).toBe("rotating");
    } finally {
      await close();
    }
  }, 600_000);
});
