import { readFileSync } from "node:fs";
import path from "node:path";
import { importJwk, signRequest } from "@fedify/fedify";
import type { App, Council } from "../../integration/helpers/processes";

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const SIGNING_CONCURRENCY = 4;

/** One activity signed as @council (draft-cavage, RSA), ready to POST to an inbox. */
export interface SignedDelivery {
  uri: string;
  headers: Headers;
  body: string;
}

/** Creates `count` distinct public Notes by @council, each signed for `inbox`. */
export async function signCouncilCreates(council: Council, inbox: string, count: number, runId = `${Date.now()}`): Promise<SignedDelivery[]> {
  const keys = JSON.parse(readFileSync(path.join(council.dataDir, "keys.json"), "utf8")).council.rsa;
  const privateKey = await importJwk(keys.privateKey, "private");
  const actor = `${council.origin}/users/council`;
  const keyId = new URL(`${actor}#main-key`);
  // Published one millisecond apart from now on: every run is newer than the runs
  // before it, so "the newest 100" are this run's (a run of 10,000 spans 10 s).
  const firstPublished = Date.now();
  const sign = async (index: number): Promise<SignedDelivery> => {
    const uri = `${council.origin}/reliability/${runId}/${index}`;
    const activity = {
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${uri}/activity`,
      type: "Create",
      actor,
      to: [PUBLIC],
      object: {
        id: uri,
        type: "Note",
        attributedTo: actor,
        content: `<p>Reliability notice ${index} of run ${runId}: the library closes early today.</p>`,
        to: [PUBLIC],
        published: new Date(firstPublished + index).toISOString(),
      },
    };
    const body = JSON.stringify(activity);
    const request = await signRequest(new Request(inbox, { method: "POST", headers: { "content-type": "application/activity+json" }, body }), privateKey, keyId);
    return { uri, headers: request.headers, body };
  };
  // Several at a time: signing runs on libuv's thread pool, and one at a time a busy
  // machine left this process waiting between signatures more than signing.
  const deliveries: SignedDelivery[] = new Array(count);
  let next = 0;
  await Promise.all(Array.from({ length: SIGNING_CONCURRENCY }, async () => {
    while (next < count) {
      const index = next++;
      deliveries[index] = await sign(index);
    }
  }));
  return deliveries;
}

/** What a sender saw: final HTTP statuses, and how many tries failed and were retried. */
export interface DeliveryReport {
  statuses: Record<number, number>;
  retried: number;
  failed: number;
  ms: number;
}

/**
 * Delivers like a real server: `concurrency` at a time; a refused connection or a 5xx
 * is retried with backoff (up to `maxTries`), as Mastodon and Fedify do.
 */
export async function deliver(deliveries: SignedDelivery[], inbox: string, options: { concurrency?: number; maxTries?: number } = {}): Promise<DeliveryReport> {
  const concurrency = options.concurrency ?? 16;
  const maxTries = options.maxTries ?? 30;
  const report: DeliveryReport = { statuses: {}, retried: 0, failed: 0, ms: 0 };
  const started = performance.now();
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < deliveries.length) {
      const delivery = deliveries[next++]!;
      for (let attempt = 1; ; attempt++) {
        let status = 0;
        try {
          const response = await fetch(inbox, { method: "POST", headers: delivery.headers, body: delivery.body });
          status = response.status;
          await response.arrayBuffer();
        } catch {
          status = 0;
        }
        if ((status === 0 || status >= 500) && attempt < maxTries) {
          report.retried++;
          await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * 2 ** attempt)));
          continue;
        }
        if (status === 0 || status >= 500) report.failed++;
        report.statuses[status] = (report.statuses[status] ?? 0) + 1;
        break;
      }
    }
  }));
  report.ms = performance.now() - started;
  return report;
}

/** Every announcement the app lists whose URI contains `marker` (paging through the API). */
export async function listStoredUris(app: Pick<App, "url">, marker: string): Promise<string[]> {
  const uris: string[] = [];
  let before = "";
  for (;;) {
    const response = await fetch(`${app.url}/api/announcements?limit=100${before}`);
    const { items } = (await response.json()) as { items: { id: string; uri: string }[] };
    uris.push(...items.filter((item) => item.uri.includes(marker)).map((item) => item.uri));
    if (items.length < 100) return uris;
    before = `&before=${encodeURIComponent(items.at(-1)!.id)}`;
  }
}

/** Waits until the app's inbox queue is empty (every accepted activity handled); on timeout says what health and the app's log last said. */
export async function waitForQueueDrained(app: Pick<App, "url"> & Partial<Pick<App, "output">>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = null;
  for (;;) {
    try {
      const health = await (await fetch(`${app.url}/api/health`)).json();
      last = health;
      if (health.queue?.queued === 0) return;
    } catch (error) {
      last = `health unreachable: ${(error as Error).message}`; // restarting
    }
    if (Date.now() > deadline) {
      throw new Error(`the inbox queue did not drain within ${timeoutMs / 1000} s; last health: ${JSON.stringify(last)}\n--- app log (end) ---\n${app.output?.().slice(-3000) ?? ""}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
