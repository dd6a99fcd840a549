// Benchmark: how fast an emergency reaches residents' phones and CAP consumers.
// Prints figures; asserts nothing.
//
//   npm run build && npx node tests/bench/emergency.ts
//
// The demo council posts BENCH_EMERGENCIES (20) emergencies (#Flood, an
// EMERGENCY_HASHTAGS tag), one at a time; for each, the time from the post until
// (1) the loopback push service (tests/integration/helpers/push-service.ts: VAPID
// checked, message decrypted) has the push, and (2) /api/signage/default/cap.xml
// (polled every 20 ms, as a CAP consumer would, far more often) names the new alert.
// Baseline in the same run: the time until /api/announcements lists the post
// (delivery and ingest, which both paths include). Target: p95 ≤ 2 s.
import { startPushService } from "../integration/helpers/push-service.ts";
import { waitFor } from "../integration/helpers/processes.ts";
import { percentile, startFollowedCouncil } from "./bench-helpers.ts";

const COUNT = Number(process.env.BENCH_EMERGENCIES ?? 20);
const pushService = await startPushService();
const { council, app } = await startFollowedCouncil({ EMERGENCY_HASHTAGS: "Flood" });
const ms = (value: number) => `${value.toFixed(0)} ms`;
const summary = (name: string, values: number[]) => console.log(`  ${name.padEnd(38)} p50 ${ms(percentile(values, 50))}, p95 ${ms(percentile(values, 95))}, max ${ms(Math.max(...values))}`);

try {
  const device = pushService.addDevice("phone");
  await fetch(`${app.url}/api/push/subscriptions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(device.subscription) });
  const toPush: number[] = [];
  const toCap: number[] = [];
  const toApi: number[] = [];
  for (let index = 0; index < COUNT; index++) {
    // The council's `published` has whole-second resolution: a screen's newest emergency is only well defined a second apart.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const marker = `Marker${index}x${Date.now()}`;
    const pushesBefore = device.received.length;
    const started = performance.now();
    const timings: { push?: number; cap?: number; api?: number } = {};
    await council.control("POST", "/actors/council/posts", { content: `<p>Flood warning ${marker}. Keep away from the river. #Flood</p>`, language: "en", tags: ["Flood"] });
    await waitFor(async () => {
      const now = performance.now() - started;
      if (timings.push === undefined && device.received.length > pushesBefore && String(device.received.at(-1)!.message.body).includes(marker)) timings.push = now;
      if (timings.cap === undefined) {
        const response = await fetch(`${app.url}/api/signage/default/cap.xml`);
        if (response.status === 200 && (await response.text()).includes(marker)) timings.cap = performance.now() - started;
      }
      if (timings.api === undefined && (await (await fetch(`${app.url}/api/announcements?limit=5`)).text()).includes(marker)) timings.api = performance.now() - started;
      return timings.push !== undefined && timings.cap !== undefined && timings.api !== undefined;
    }, 30_000, () => `emergency ${index} did not arrive everywhere: ${JSON.stringify(timings)}\n${app.output().slice(-3000)}`, 20).catch(async (error) => {
      console.log(await (await fetch(`${app.url}/api/signage/default/cap.xml`)).text());
      console.log(JSON.stringify((await (await fetch(`${app.url}/api/signage/default/feed.json`)).json()).items.map((item: { id: string; priority: string; text: string }) => [item.id, item.priority, item.text.slice(0, 30)])));
      throw error;
    });
    toPush.push(timings.push!);
    toCap.push(timings.cap!);
    toApi.push(timings.api!);
  }
  console.log(`Emergency post → residents and CAP consumers, ${COUNT} emergencies (target p95 ≤ 2 s):`);
  summary("push received (decrypted)", toPush);
  summary("screen cap.xml names the alert", toCap);
  summary("baseline: /api/announcements has it", toApi);
  console.log(`  pushes refused by the push service: ${pushService.refused.length}`);
} finally {
  await app.stop();
  await council.stop();
  await pushService.close();
}
