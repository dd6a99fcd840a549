/** One Server-Sent Event as received. */
export interface ReceivedEvent {
  id: string | null;
  event: string;
  data: any;
  receivedAt: number;
}

/** Opens an SSE stream with fetch and collects its events until closed. */
export async function openEventStream(url: string): Promise<{ events: ReceivedEvent[]; close: () => void }> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: "text/event-stream" }, signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`SSE ${url} answered ${response.status}`);
  const events: ReceivedEvent[] = [];
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        let boundary: number;
        while ((boundary = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, boundary);
          buffer = buffer.slice(boundary + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue;
            const colon = line.indexOf(":");
            if (colon < 0) continue;
            fields[line.slice(0, colon)] = (fields[line.slice(0, colon)] ?? "") + line.slice(colon + 1).replace(/^ /, "");
          }
          if (fields.data === undefined) continue;
          events.push({ id: fields.id ?? null, event: fields.event ?? "message", data: JSON.parse(fields.data), receivedAt: Date.now() });
        }
      }
    } catch {
      // closed
    }
  })();
  return { events, close: () => controller.abort() };
}
