import { getEventBus, type SequencedEvent } from "./bus";

const HEARTBEAT_MS = 25_000;

function formatEvent(event: SequencedEvent): string {
  const { seq, type, ...rest } = event;
  return `id: ${seq}\nevent: ${type}\ndata: ${JSON.stringify({ type, ...rest })}\n\n`;
}

/**
 * A Server-Sent Events response on the event bus. A client reconnecting with
 * Last-Event-ID gets what it missed, or `event: reset` when that is too old
 * (refetch the list).
 */
export function openEventStream(request: Request): Response {
  const bus = getEventBus();
  const encoder = new TextEncoder();
  const lastEventId = Number(request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId") ?? NaN);
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send(`retry: 3000\n: connected\n\n`);
      if (Number.isFinite(lastEventId)) {
        const missed = bus.replayAfter(lastEventId);
        if (missed === null) send(`event: reset\ndata: {}\n\n`);
        else missed.forEach((event) => send(formatEvent(event)));
      }
      const unsubscribe = bus.subscribe((event) => send(formatEvent(event)));
      const heartbeat = setInterval(() => send(`: keep-alive\n\n`), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.signal.addEventListener("abort", () => {
        cleanup();
        try {
          controller.close();
        } catch {}
      });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    },
  });
}
