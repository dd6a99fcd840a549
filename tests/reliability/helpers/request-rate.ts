import http from "node:http";

/** Requests per second and statuses for `total` GETs of `url`, `concurrency` at a time over keep-alive sockets. */
export async function measureRequestRate(url: string, options: { total: number; concurrency: number; headers?: Record<string, string> }): Promise<{ perSecond: number; statuses: Record<number, number> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const statuses: Record<number, number> = {};
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, async () => {
    while (next < options.total) {
      next++;
      const status = await new Promise<number>((resolve) => {
        http.get(url, { agent, headers: options.headers }, (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
        }).on("error", () => resolve(0));
      });
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { perSecond: options.total / seconds, statuses };
}
