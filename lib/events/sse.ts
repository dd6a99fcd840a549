import { getEventBus, type SequencedEvent } from "./bus";

const HEARTBEAT_MS = 25_000;

const encoder = new TextEncoder();
// One event goes to every open stream: encode it once, not once per screen.
const encoded = new WeakMap<SequencedEvent, Uint8Array>();

function encodeEvent(event: SequencedEvent): Uint8Array {
  let bytes = encoded.get(event);
  if (!bytes) {
    const { seq, type, ...rest } = event;
    bytes = encoder.encode(`id: ${seq}\nevent: ${type}\ndata: ${JSON.stringify({ type, ...rest })}\n\n`);
    encoded.set(event, bytes);
  }
  return bytes;
}

/**
 * A Server-Sent Events response on the event bus. A client reconnecting with
 * Last-Event-ID gets what it missed, or `event: reset` when that is too old
 * (refetch the list).
 */
export function openEventStream(request: Request): Response {
  const bus = getEventBus();
  const lastEventId = Number(request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId") ?? NaN);
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const sendBytes = (bytes: Uint8Array) => {
        try {
          controller.enqueue(bytes);
        } catch {
          cleanup();
        }
      };
      const send = (text: string) => sendBytes(encoder.encode(text));
      send(`retry: 3000\n: connected\n\n`);
      if (Number.isFinite(lastEventId)) {
        const missed = bus.replayAfter(lastEventId);
        if (missed === null) send(`event: reset\ndata: {}\n\n`);
        else missed.forEach((event) => sendBytes(encodeEvent(event)));
      }
      const unsubscribe = bus.subscribe((event) => sendBytes(encodeEvent(event)));
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
