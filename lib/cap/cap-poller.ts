import { getEnv } from "../env";
import { installNetworkGuards } from "../http/network-guards";
import { getCrierLogger } from "../log";
import { getStore } from "../store";
import type { CapSource } from "../store/cap-store";
import { takeAlert } from "./cap-intake";
import { readCapDocument, type CapAlert } from "./read-cap";

// Reads every CAP source that is not paused, every CAP_POLL_SECONDS: an Atom index
// (then each entry whose `updated` changed) or a single CAP file, with ETag and
// If-Modified-Since so an unchanged source costs one 304. All reads go through the
// process's guarded fetch (public addresses only, size and time limits). A source
// that fails waits twice as long each time, up to an hour; a bad alert is logged and
// skipped, never fatal.

const logger = getCrierLogger("cap");
const MAX_BACKOFF_MS = 60 * 60_000;
const ACCEPT = "application/atom+xml, application/cap+xml, application/xml;q=0.9, text/xml;q=0.8";

interface SourceState {
  failures: number;
  nextPollMs: number;
  /** Index entries read so far: entry id → its `updated` and when its alert expires, so unchanged entries are read again only to let them expire. */
  seen: Map<string, { updated: string | null; expiresMs: number }>;
  /** When the alert of a single-file source expires: then it is read again without conditions, so it can be removed. */
  fileExpiresMs: number;
}

export interface CapPoller {
  /** Polls every due source now (tests, and each tick). */
  pollDue(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts polling CAP sources (every interval; `isTicking: false` leaves it to pollDue, for tests); stopped by the runtime on shutdown. */
export function startCapPoller(intervalMs = getEnv().cap.pollSeconds * 1000, { isTicking = true } = {}): CapPoller {
  installNetworkGuards();
  const states = new Map<string, SourceState>();
  const controller = new AbortController();
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  async function pollDue(): Promise<void> {
    const sources = await getStore().cap.listSources();
    for (const id of states.keys()) if (!sources.some((source) => source.id === id)) states.delete(id);
    for (const source of sources) {
      if (source.paused || controller.signal.aborted) continue;
      const state = states.get(source.id) ?? { failures: 0, nextPollMs: 0, seen: new Map(), fileExpiresMs: Number.POSITIVE_INFINITY };
      states.set(source.id, state);
      if (Date.now() < state.nextPollMs) continue;
      try {
        await pollSource(source, state, controller.signal);
        state.failures = 0;
        state.nextPollMs = Date.now() + intervalMs;
      } catch (error) {
        state.failures++;
        state.nextPollMs = Date.now() + Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** state.failures);
        const reason = describeError(error);
        logger.warn("Reading CAP source {url} failed ({failures} in a row): {reason}", { url: source.url, failures: state.failures, reason });
        await getStore().cap.updateSource(source.id, { state: "error", reason, lastPolledAt: new Date().toISOString() });
      }
    }
  }

  const tick = () => {
    running = pollDue().catch((error) => logger.error("The CAP poller failed: {error}", { error }));
    void running.finally(() => {
      if (!controller.signal.aborted) timer = setTimeout(tick, Math.min(intervalMs, 5_000)).unref();
    });
  };
  if (isTicking) timer = setTimeout(tick, 0).unref();

  return {
    pollDue,
    async stop() {
      controller.abort();
      clearTimeout(timer);
      await running;
    },
  };
}

async function pollSource(source: CapSource, state: SourceState, signal: AbortSignal): Promise<void> {
  const headers: Record<string, string> = { accept: ACCEPT };
  const isExpiring = Date.now() >= state.fileExpiresMs;
  if (source.etag && !isExpiring) headers["if-none-match"] = source.etag;
  if (source.lastModified && !isExpiring) headers["if-modified-since"] = source.lastModified;
  const response = await fetch(source.url, { headers, signal });
  if (response.status === 304) {
    await getStore().cap.updateSource(source.id, { state: "ok", reason: null, lastPolledAt: new Date().toISOString() });
    return;
  }
  if (!response.ok) throw new Error(`${source.url} answered ${response.status}.`);
  const document = readCapDocument(await response.text(), response.url || source.url);
  if (document.kind === "invalid") throw new Error(`${source.url} is not CAP: ${document.reason}`);
  let isComplete = true;
  if (document.kind === "alert") {
    await takeAlert(source, document.alert);
    state.fileExpiresMs = expiryOf(document.alert);
  }
  else {
    for (const entry of document.entries) {
      const seen = state.seen.get(entry.id);
      if (seen && seen.updated === entry.updated && Date.now() < seen.expiresMs) continue;
      const expiresMs = await readEntry(source, entry.href, signal);
      if (expiresMs !== null) state.seen.set(entry.id, { updated: entry.updated, expiresMs });
      else isComplete = false;
    }
  }
  // An entry that could not be read is tried again next time: the index must not answer 304 then.
  await getStore().cap.updateSource(source.id, {
    state: "ok", reason: null, lastPolledAt: new Date().toISOString(),
    etag: isComplete ? response.headers.get("etag") : null, lastModified: isComplete ? response.headers.get("last-modified") : null,
  });
}

/** Reads one CAP document an index links, answering when its alert expires; a bad one is logged and skipped (null: try it again next time). */
async function readEntry(source: CapSource, href: string, signal: AbortSignal): Promise<number | null> {
  try {
    const response = await fetch(href, { headers: { accept: ACCEPT }, signal });
    if (!response.ok) throw new Error(`it answered ${response.status}`);
    const document = readCapDocument(await response.text(), href);
    if (document.kind !== "alert") {
      logger.warn("Skipped {href} from CAP source {url}: {reason}.", { href, url: source.url, reason: document.kind === "invalid" ? document.reason : "an index inside an index" });
      return Number.POSITIVE_INFINITY;
    }
    await takeAlert(source, document.alert);
    return expiryOf(document.alert);
  } catch (error) {
    if (signal.aborted) return null;
    logger.warn("Could not read {href} from CAP source {url}: {reason}", { href, url: source.url, reason: describeError(error) });
    return null;
  }
}

/** fetch's own message is "fetch failed"; the reason an operator can act on is in its cause. */
function describeError(error: unknown): string {
  const message = (error as Error).message ?? String(error);
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  return cause && cause !== message ? `${message}: ${cause}` : message;
}

/**
 * When to read an alert again for its expiry: its latest `expires`; never when an info
 * has none, or when it has expired already (reading it just now removed it).
 */
function expiryOf(alert: CapAlert): number {
  if (alert.infos.length === 0 || alert.infos.some((info) => !info.expires)) return Number.POSITIVE_INFINITY;
  const latest = Math.max(...alert.infos.map((info) => Date.parse(info.expires!)).map((ms) => (Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY)));
  return latest <= Date.now() ? Number.POSITIVE_INFINITY : latest;
}
