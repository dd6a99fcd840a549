// Benchmark: how fast a council's post reaches Crier, and how many signed
// activities its inbox takes per second. Prints figures; asserts nothing.
//
//   npm run bench            (after `npm run build`)
//
// Real processes on 127.0.0.1: the built app (`next start`) and the demo council.
// Latency runs from just before the council is asked to post (it then signs and
// delivers the Create) until the announcement is in GET /api/announcements, and
// until the SSE event arrives. Throughput signs Creates as the council and posts
// them to the shared inbox; the baseline in the same run is the same server
// answering GET /api/health and refusing unsigned POSTs (no signature check).
import { waitFor } from "../integration/helpers/processes.ts";
import { percentile, startFollowedCouncil } from "./bench-helpers.ts";
import { openEventStream } from "../integration/helpers/sse.ts";
import { signCouncilCreates } from "../reliability/helpers/signed-activities.ts";

const POSTS = Number(process.env.BENCH_POSTS ?? 60);
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 400);
const CONCURRENCY = 16;

async function runConcurrently(count: number, task: (index: number) => Promise<void>): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) await task(next++);
  }));
  return performance.now() - started;
}

const { council, app } = await startFollowedCouncil();
try {

  // --- latency ---
  console.error(`measuring latency over ${POSTS} posts…`);
  const stream = await openEventStream(`${app.url}/api/events`);
  const apiMs: number[] = [];
  const sseMs: number[] = [];
  for (let index = 0; index < POSTS; index++) {
    const started = performance.now();
    const startedAt = Date.now();
    const post = await council.control("POST", "/actors/council/posts", {
      content: `<p>Benchmark notice ${index}: the swimming pool on Park Lane is closed for maintenance until further notice. ` +
        `Residents can use the leisure centre on Mill Road instead. Opening hours are unchanged. #Pool</p>`,
      language: "en",
    });
    await waitFor(async () => {
      const { items } = await (await fetch(`${app.url}/api/announcements?limit=100`)).json();
      return items.some((item: { uri: string }) => item.uri === post.id);
    }, 10_000, () => `post ${index} never appeared`, 2);
    apiMs.push(performance.now() - started);
    const event = await waitFor(async () => stream.events.find((e) => e.data.announcement?.uri === post.id), 10_000, () => "no SSE event", 2);
    sseMs.push(event.receivedAt - startedAt);
  }
  stream.close();

  // --- throughput ---
  console.error(`measuring throughput over ${ACTIVITIES} signed activities…`);
  const inbox = `${app.url}/ap/inbox`;
  const runId = `bench-${Date.now()}`;
  const deliveries = await signCouncilCreates(council, inbox, ACTIVITIES, runId);
  const bodies = deliveries.map((delivery) => delivery.body);

  const healthMs = await runConcurrently(ACTIVITIES, async () => void (await (await fetch(`${app.url}/api/health`)).arrayBuffer()));
  let unsignedRefused = 0;
  const unsignedMs = await runConcurrently(ACTIVITIES, async (index) => {
    const response = await fetch(inbox, { method: "POST", headers: { "content-type": "application/activity+json" }, body: bodies[index] });
    if (response.status === 401) unsignedRefused++;
    await response.arrayBuffer();
  });
  let accepted = 0;
  const ingestStarted = performance.now();
  const acceptMs = await runConcurrently(ACTIVITIES, async (index) => {
    const response = await fetch(inbox, { method: "POST", headers: deliveries[index]!.headers, body: bodies[index] });
    if (response.status === 202) accepted++;
    await response.arrayBuffer();
  });
  await waitFor(async () => (await (await fetch(`${app.url}/api/health`)).json()).queue.queued === 0, 120_000, () => "queue did not drain");
  const processedMs = performance.now() - ingestStarted;
  let stored = 0;
  let before = "";
  for (;;) {
    const { items } = await (await fetch(`${app.url}/api/announcements?limit=100${before}`)).json();
    stored += items.filter((item: { uri: string }) => item.uri.includes(`/${runId}/`)).length;
    if (items.length < 100) break;
    before = `&before=${items[items.length - 1].id}`;
  }

  const perSecond = (count: number, ms: number) => (count / (ms / 1000)).toFixed(0);
  console.log(`\nCrier ingest benchmark (${new Date().toISOString()}, node ${process.version}, ${POSTS} posts, ${ACTIVITIES} activities, concurrency ${CONCURRENCY})`);
  console.log(`latency Create → /api/announcements: p50 ${percentile(apiMs, 50).toFixed(0)} ms, p95 ${percentile(apiMs, 95).toFixed(0)} ms, max ${Math.max(...apiMs).toFixed(0)} ms`);
  console.log(`latency Create → SSE event:          p50 ${percentile(sseMs, 50).toFixed(0)} ms, p95 ${percentile(sseMs, 95).toFixed(0)} ms, max ${Math.max(...sseMs).toFixed(0)} ms`);
  console.log(`baseline GET /api/health:            ${perSecond(ACTIVITIES, healthMs)} req/s`);
  console.log(`baseline unsigned POST (401):        ${perSecond(ACTIVITIES, unsignedMs)} req/s (${unsignedRefused}/${ACTIVITIES} refused)`);
  console.log(`signed inbox POST accepted (202):    ${perSecond(ACTIVITIES, acceptMs)} activities/s (${accepted}/${ACTIVITIES} accepted), ratio to health baseline ${(healthMs / acceptMs).toFixed(2)}`);
  console.log(`signed inbox end to end (stored):    ${perSecond(ACTIVITIES, processedMs)} activities/s (${stored}/${ACTIVITIES} stored, none lost: ${stored === ACTIVITIES})`);
} finally {
  await app.stop();
  await council.stop();
}
