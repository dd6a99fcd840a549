import http from "node:http";

/** Many Server-Sent Event clients, each noting when it first saw a given text. */
export interface SseCrowd {
  /** Resolves with each client's delay (ms after `since`) once all have seen `marker`, or rejects after `timeoutMs`. */
  waitForAll: (marker: string, since: number, timeoutMs: number) => Promise<number[]>;
  close: () => void;
}

/**
 * Opens `count` SSE connections (plain node:http, one socket each, as screens would),
 * spread round-robin over `urls`. Resolves when all are open (headers received).
 */
export async function openSseCrowd(urls: string[], count: number): Promise<SseCrowd> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const requests: http.ClientRequest[] = [];
  const seenAt: Map<string, number>[] = [];
  const buffers: string[] = [];
  const watchers = new Set<() => void>();
  await Promise.all(Array.from({ length: count }, (_, index) => new Promise<void>((resolve, reject) => {
    seenAt[index] = new Map();
    buffers[index] = "";
    const request = http.get(urls[index % urls.length]!, { agent, headers: { accept: "text/event-stream" } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`SSE client ${index} got ${response.statusCode}`));
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        // Keep only a tail: markers are short, and a long run must not grow memory.
        buffers[index] = (buffers[index]! + chunk).slice(-8_192);
        for (const notify of watchers) notify();
      });
      response.on("error", () => {});
      resolve();
    });
    request.on("error", reject);
    requests.push(request);
  })));

  const waitForAll = (marker: string, since: number, timeoutMs: number) => new Promise<number[]>((resolve, reject) => {
    const check = () => {
      const now = Date.now();
      for (let index = 0; index < count; index++) {
        if (!seenAt[index]!.has(marker) && buffers[index]!.includes(marker)) seenAt[index]!.set(marker, now);
      }
      const delays = seenAt.map((seen) => seen.get(marker));
      if (delays.every((delay) => delay !== undefined)) {
        watchers.delete(check);
        clearTimeout(timer);
        resolve(delays.map((at) => at! - since));
      }
    };
    const timer = setTimeout(() => {
      watchers.delete(check);
      const missing = seenAt.filter((seen) => !seen.has(marker)).length;
      reject(new Error(`${missing} of ${count} SSE clients never saw ${marker}`));
    }, timeoutMs);
    watchers.add(check);
    check();
  });

  return {
    waitForAll,
    close: () => {
      for (const request of requests) request.destroy();
      agent.destroy();
    },
  };
}
