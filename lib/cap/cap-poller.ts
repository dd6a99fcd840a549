import { getEnv } from "../env";
import { installNetworkGuards } from "../http/network-guards";
import { getCrierLogger } from "../log";
import { getStore } from "../store";
import type { CapSource } from "../store/cap-store";
import { takeAlert } from "./cap-intake";
import { readCapDocument } from "./read-cap";

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
  /** Index entries read so far: entry id → its `updated`, so unchanged entries are not fetched again. */
  seen: Map<string, string | null>;
}

export interface CapPoller {
  /** Polls every due source now (tests, and each tick). */
  pollDue(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts polling CAP sources; stopped by the runtime on shutdown. */
export function startCapPoller(intervalMs = getEnv().cap.pollSeconds * 1000): CapPoller {
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
      const state = states.get(source.id) ?? { failures: 0, nextPollMs: 0, seen: new Map() };
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
  timer = setTimeout(tick, 0).unref();

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
  if (source.etag) headers["if-none-match"] = source.etag;
  if (source.lastModified) headers["if-modified-since"] = source.lastModified;
  const response = await fetch(source.url, { headers, signal });
  if (response.status === 304) {
    await getStore().cap.updateSource(source.id, { state: "ok", reason: null, lastPolledAt: new Date().toISOString() });
    return;
  }
  if (!response.ok) throw new Error(`${source.url} answered ${response.status}.`);
  const document = readCapDocument(await response.text(), response.url || source.url);
  if (document.kind === "invalid") throw new Error(`${source.url} is not CAP: ${document.reason}`);
  let isComplete = true;
  if (document.kind === "alert") await takeAlert(source, document.alert);
  else {
    for (const entry of document.entries) {
      if (state.seen.has(entry.id) && state.seen.get(entry.id) === entry.updated) continue;
      if (await readEntry(source, entry.href, signal)) state.seen.set(entry.id, entry.updated);
      else isComplete = false;
    }
  }
  // An entry that could not be read is tried again next time: the index must not answer 304 then.
  await getStore().cap.updateSource(source.id, {
    state: "ok", reason: null, lastPolledAt: new Date().toISOString(),
    etag: isComplete ? response.headers.get("etag") : null, lastModified: isComplete ? response.headers.get("last-modified") : null,
  });
}

/** Reads one CAP document an index links; a bad one is logged and skipped (false: try it again next time). */
async function readEntry(source: CapSource, href: string, signal: AbortSignal): Promise<boolean> {
  try {
    const response = await fetch(href, { headers: { accept: ACCEPT }, signal });
    if (!response.ok) throw new Error(`it answered ${response.status}`);
    const document = readCapDocument(await response.text(), href);
    if (document.kind !== "alert") {
      logger.warn("Skipped {href} from CAP source {url}: {reason}.", { href, url: source.url, reason: document.kind === "invalid" ? document.reason : "an index inside an index" });
      return true;
    }
    await takeAlert(source, document.alert);
    return true;
  } catch (error) {
    if (signal.aborted) return false;
    logger.warn("Could not read {href} from CAP source {url}: {reason}", { href, url: source.url, reason: describeError(error) });
    return false;
  }
}

/** fetch's own message is "fetch failed"; the reason an operator can act on is in its cause. */
function describeError(error: unknown): string {
  const message = (error as Error).message ?? String(error);
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  return cause && cause !== message ? `${message}: ${cause}` : message;
}
