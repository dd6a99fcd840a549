import http from "node:http";

/** One request the proxy passed on: where it went and when the backend finished answering. */
export interface ProxiedRequest {
  method: string;
  path: string;
  backend: string;
  status: number;
  answeredAt: number;
}

export interface ReverseProxy {
  url: string;
  log: ProxiedRequest[];
  close: () => Promise<void>;
}

/**
 * A small reverse proxy on 127.0.0.1, as nginx would sit in front of several Crier
 * instances: `choose` picks the backend origin for each request. Headers (Host
 * included) and bodies pass through unchanged, so HTTP signatures still verify.
 */
export async function startReverseProxy(choose: (request: http.IncomingMessage) => string): Promise<ReverseProxy> {
  const log: ProxiedRequest[] = [];
  const server = http.createServer((request, response) => {
    const backend = choose(request);
    const upstream = http.request(new URL(request.url ?? "/", backend), { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
      answer.on("end", () => log.push({ method: request.method ?? "GET", path: request.url ?? "/", backend, status: answer.statusCode ?? 502, answeredAt: Date.now() }));
    });
    upstream.on("error", (error) => {
      response.writeHead(502, { "content-type": "text/plain" });
      response.end(`proxy: ${error.message}`);
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
