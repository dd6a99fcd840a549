import { toPublicAnnouncement } from "../announcements/public-media";
import { getEnv } from "../env";
import { getClientAddress } from "../http/client-address";
import { getCrierLogger } from "../log";
import { getRuntime } from "../runtime/registry";
import { getEventBus, type SequencedEvent } from "./bus";
import { getStreamAdmission } from "./stream-admission";

const logger = getCrierLogger("events");

const HEARTBEAT_MS = 25_000;
/** Bytes the stream hands to Next's writer ahead of the socket (its queuing strategy's high-water mark). */
const QUEUE_BYTES = 64 * 1024;
/** Unsent live events a stream may hold before it counts as fallen behind and is closed. */
const MAX_BACKLOG_BYTES = 1024 * 1024;
/** How long a closed-for-lagging stream gets to take its last bytes before its connection is dropped. */
const LAGGARD_GRACE_MS = 10_000;
/** What a client that fell behind is told: come back (with Last-Event-ID) in 10 s. */
const LAGGARD_RETRY_MS = 10_000;
/** What every client is told when the server shuts down: come back (with Last-Event-ID) in 5 s, once it has restarted. */
export const SHUTDOWN_RETRY_MS = 5_000;
/** Seconds a refused client is asked to wait. */
const RETRY_AFTER_SECONDS = { "server-full": 30, "client-full": 60 } as const;

const encoder = new TextEncoder();
// One event goes to every open stream: encode it once, not once per screen.
const encoded = new WeakMap<SequencedEvent, Uint8Array>();

function encodeEvent(event: SequencedEvent): Uint8Array {
  let bytes = encoded.get(event);
  if (!bytes) {
    const { seq, type, ...rest } = event;
    // Streams are public: pictures point at Crier's own origin, never the council's server.
    if ("announcement" in rest) rest.announcement = toPublicAnnouncement(rest.announcement, getEnv().publicUrl);
    bytes = encoder.encode(`id: ${seq}\nevent: ${type}\ndata: ${JSON.stringify({ type, ...rest })}\n\n`);
    encoded.set(event, bytes);
  }
  return bytes;
}

/**
 * A Server-Sent Events response on the event bus, or 503/429 with Retry-After when
 * the server or this client already has as many streams as allowed. A client
 * reconnecting with Last-Event-ID gets what it missed, or `event: reset` when that is
 * too old (refetch the list). A client that stops reading is closed once 1 MiB of
 * events waits for it (with a `retry:` hint), so a stalled screen costs bounded memory.
 */
export function openEventStream(request: Request): Response {
  if (getRuntime().isStopping) {
    return Response.json({ error: "The server is restarting; try again in a few seconds." }, { status: 503, headers: { "retry-after": String(SHUTDOWN_RETRY_MS / 1000), "cache-control": "no-store" } });
  }
  const client = getClientAddress(request);
  const admission = getStreamAdmission().admit(client);
  if (!admission.isAdmitted) {
    const status = admission.reason === "server-full" ? 503 : 429;
    // Debug, not info: a client hammering a full server would otherwise write the log for it.
    logger.debug("Refused an event stream from {client}: {reason}.", { client: client ?? "unknown", reason: admission.reason });
    return Response.json(
      { error: admission.reason === "server-full" ? "Too many live-event streams are open on this server; try again later." : "This address has too many live-event streams open; close some or try again later." },
      { status, headers: { "retry-after": String(RETRY_AFTER_SECONDS[admission.reason]), "cache-control": "no-store" } },
    );
  }
  const lastEventId = Number(request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId") ?? NaN);
  const stream = createBusStream(lastEventId, request.signal, client, admission.release);
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}

function createBusStream(lastEventId: number, signal: AbortSignal, client: string | null, release: () => void): ReadableStream<Uint8Array> {
  const bus = getEventBus();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  // Chunks wait here until the stream's queue has room: the queue follows the socket
  // (Next stops pulling while a write waits for "drain"), and this list is what lags.
  const pending: { bytes: Uint8Array; isLive: boolean }[] = [];
  let liveBacklog = 0;
  let isEnding = false;
  let stop = () => {};

  const pump = () => {
    while (pending.length > 0 && (controller.desiredSize ?? 0) > 0) {
      const { bytes, isLive } = pending.shift()!;
      if (isLive) liveBacklog -= bytes.byteLength;
      controller.enqueue(bytes);
    }
  };
  const push = (bytes: Uint8Array, isLive: boolean) => {
    if (isEnding) return;
    pending.push({ bytes, isLive });
    if (isLive) liveBacklog += bytes.byteLength;
    pump();
    if (liveBacklog > MAX_BACKLOG_BYTES) endLagging();
  };
  const endLagging = () => {
    stop();
    isEnding = true;
    pending.length = 0;
    logger.info("Closed an event stream from {client}: it fell more than {bytes} bytes behind.", { client: client ?? "unknown", bytes: MAX_BACKLOG_BYTES });
    // Past the queue's mark, but a few bytes: the reconnect hint follows what is queued.
    controller.enqueue(encoder.encode(`: fell behind\nretry: ${LAGGARD_RETRY_MS}\n\n`));
    // A client that reads takes the rest and pull() closes the stream; one that never
    // reads is dropped, so its connection does not hold what is queued for ever.
    const grace = setTimeout(() => {
      try {
        controller.error(new Error("the client stopped reading"));
      } catch {}
      release();
    }, LAGGARD_GRACE_MS);
    stop = () => clearTimeout(grace);
  };

  return new ReadableStream<Uint8Array>({
    start(streamController) {
      controller = streamController;
      push(encoder.encode(`retry: 3000\n: connected\n\n`), false);
      if (Number.isFinite(lastEventId)) {
        const missed = bus.replayAfter(lastEventId);
        if (missed === null) push(encoder.encode(`event: reset\ndata: {}\n\n`), false);
        else for (const event of missed) push(encodeEvent(event), false);
      }
      const unsubscribe = bus.subscribe((event) => push(encodeEvent(event), true));
      // A keep-alive only when nothing waits: a stream with data queued needs none.
      const heartbeat = setInterval(() => {
        if (pending.length === 0) push(encoder.encode(`: keep-alive\n\n`), false);
      }, HEARTBEAT_MS);
      // Shutdown: every stream ends with a reconnect hint, so screens come back to the restarted server.
      const shutdown = getRuntime().signal;
      const onShutdown = () => {
        stop();
        isEnding = true;
        pending.length = 0;
        try {
          controller.enqueue(encoder.encode(`: server restarting\nretry: ${SHUTDOWN_RETRY_MS}\n\n`));
          controller.close();
        } catch {}
        release();
      };
      stop = () => {
        clearInterval(heartbeat);
        unsubscribe();
        shutdown.removeEventListener("abort", onShutdown);
      };
      if (shutdown.aborted) onShutdown();
      else shutdown.addEventListener("abort", onShutdown, { once: true });
      const onAbort = () => {
        stop();
        release();
        try {
          controller.close();
        } catch {}
      };
      // A client gone before the handler ran: Next never reads this stream, and an
      // abort listener added now would never fire.
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort, { once: true });
    },
    pull() {
      pump();
      if (!isEnding) return;
      stop();
      controller.close();
      release();
    },
    cancel() {
      stop();
      release();
    },
  }, new ByteLengthQueuingStrategy({ highWaterMark: QUEUE_BYTES }));
}
