import http from "node:http";

/** Many Server-Sent Event clients, each noting when it first saw a given text. */
export interface SseCrowd {
  /** Resolves with each client's delay (ms after `since`) once all have seen `marker`, or rejects after `timeoutMs`. */
  waitForAll: (marker: string, since: number, timeoutMs: number) => Promise<number[]>;
  close: () => void;
}

interface Watch {
  marker: string;
  seenAt: (number | undefined)[];
  remaining: number;
  done: () => void;
}

/**
 * Opens `count` SSE connections (plain node:http, one socket each, as screens would),
 * spread round-robin over `urls`. Resolves when all are open (headers received).
 *
 * Each chunk is searched only in its own client's recent text, when it arrives: the
 * time noted is the arrival, not when a scan of all clients got round to it (an
 * earlier version re-scanned every client's buffer on every chunk, which on 1,000
 * clients added seconds to the figures it measured).
 */
export async function openSseCrowd(urls: string[], count: number): Promise<SseCrowd> {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const requests: http.ClientRequest[] = [];
  const tails: string[] = [];
  const watches = new Set<Watch>();
  await Promise.all(Array.from({ length: count }, (_, index) => new Promise<void>((resolve, reject) => {
    tails[index] = "";
    const request = http.get(urls[index % urls.length]!, { agent, headers: { accept: "text/event-stream" } }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`SSE client ${index} got ${response.statusCode}`));
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        const now = Date.now();
        // The previous tail covers a marker split across two chunks.
        const text = tails[index]! + chunk;
        for (const watch of watches) {
          if (watch.seenAt[index] === undefined && text.includes(watch.marker)) {
            watch.seenAt[index] = now;
            if (--watch.remaining === 0) watch.done();
          }
        }
        tails[index] = text.slice(-256);
      });
      response.on("error", () => {});
      resolve();
    });
    request.on("error", reject);
    requests.push(request);
  })));

  const waitForAll = (marker: string, since: number, timeoutMs: number) => new Promise<number[]>((resolve, reject) => {
    if (marker.length > 200) throw new Error("markers longer than 200 characters could be split beyond the kept tail");
    const watch: Watch = {
      marker,
      seenAt: new Array(count).fill(undefined),
      remaining: count,
      done: () => {
        watches.delete(watch);
        clearTimeout(timer);
        resolve(watch.seenAt.map((at) => at! - since));
      },
    };
    // Text that arrived before the watch began (the post was quick) is in the tails.
    for (let index = 0; index < count; index++) {
      if (tails[index]!.includes(marker)) {
        watch.seenAt[index] = Date.now();
        watch.remaining--;
      }
    }
    const timer = setTimeout(() => {
      watches.delete(watch);
      reject(new Error(`${watch.remaining} of ${count} SSE clients never saw ${marker}`));
    }, timeoutMs);
    if (watch.remaining === 0) watch.done();
    else watches.add(watch);
  });

  return {
    waitForAll,
    close: () => {
      for (const request of requests) request.destroy();
      agent.destroy();
    },
  };
}
