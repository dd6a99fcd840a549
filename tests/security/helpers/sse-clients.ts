import http from "node:http";
import net from "node:net";

/** One SSE request as a client on a chosen loopback address sees it (Linux routes all of 127.0.0.0/8 to lo). */
export interface StreamClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Everything received so far (events, comments, or a refusal's JSON). */
  text: () => string;
  /** Settles when the server ends the response or the connection closes. */
  ended: Promise<void>;
  close: () => void;
}

/** GET /api/events from `localAddress`, reading as it arrives; resolves once the status line is in. */
export function openStreamFrom(appUrl: string, localAddress: string, headers: Record<string, string> = {}): Promise<StreamClient> {
  return new Promise((resolve, reject) => {
    let received = "";
    let markEnded = () => {};
    const ended = new Promise<void>((done) => (markEnded = done));
    const request = http.get(`${appUrl}/api/events`, { localAddress, agent: false, headers: { accept: "text/event-stream", ...headers } }, (response) => {
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (received += chunk));
      response.on("end", markEnded);
      response.on("close", markEnded);
      response.on("error", markEnded);
      resolve({ status: response.statusCode ?? 0, headers: response.headers, text: () => received, ended, close: () => request.destroy() });
    });
    request.on("error", reject);
  });
}

/** Opens `count` streams from one address; the caller closes them. */
export async function openStreamsFrom(appUrl: string, localAddress: string, count: number, headers: Record<string, string> = {}): Promise<StreamClient[]> {
  const streams: StreamClient[] = [];
  for (let index = 0; index < count; index++) streams.push(await openStreamFrom(appUrl, localAddress, headers));
  return streams;
}

/** A client that asks for the stream and then never reads: its socket stays paused, so the kernel's buffers fill. */
export interface StalledClient {
  /** Reads everything that is left (resuming the socket) until the server closes; answers the bytes received in all. */
  drain: (timeoutMs: number) => Promise<{ bytes: number; tail: string; isClosedByServer: boolean }>;
  close: () => void;
}

export function openStalledStream(appUrl: string, localAddress: string): Promise<StalledClient> {
  const { hostname, port } = new URL(appUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port), localAddress }, () => {
      socket.write(`GET /api/events HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\n\r\n`);
      // No "data" listener: the socket reads at most its own small buffer, then stops.
      resolve({
        drain: (timeoutMs) => new Promise((done) => {
          let bytes = 0;
          let tail = "";
          const timer = setTimeout(() => done({ bytes, tail, isClosedByServer: false }), timeoutMs);
          socket.on("data", (chunk: Buffer) => {
            bytes += chunk.length;
            tail = (tail + chunk.toString("latin1")).slice(-300);
          });
          socket.on("close", () => {
            clearTimeout(timer);
            done({ bytes, tail, isClosedByServer: true });
          });
          socket.resume();
        }),
        close: () => socket.destroy(),
      });
    });
    socket.on("error", () => {});
    socket.once("error", reject);
  });
}

/** The resident memory of a process, in bytes (Linux /proc). */
export async function readResidentBytes(pid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}
