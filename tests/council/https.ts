// The self-signed certificate (created once, reused) and a small adapter from
// node:http(s) to a fetch-style handler, which is what federation.fetch expects.
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { join } from "node:path";
import { generate } from "selfsigned";

/** Largest request body accepted; activities and control calls are far smaller. */
const MAX_BODY_BYTES = 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;

export type FetchHandler = (request: Request) => Promise<Response>;

/** Returns cert.pem/key.pem from the data directory, creating them for localhost and 127.0.0.1 if absent or expiring. */
export async function loadOrCreateCertificate(dataDir: string): Promise<{ cert: string; key: string; certPath: string }> {
  mkdirSync(dataDir, { recursive: true });
  const certPath = join(dataDir, "cert.pem");
  const keyPath = join(dataDir, "key.pem");
  if (existsSync(certPath) && existsSync(keyPath)) {
    const cert = readFileSync(certPath, "utf8");
    if (Date.parse(new X509Certificate(cert).validTo) > Date.now() + DAY_MS) {
      return { cert, key: readFileSync(keyPath, "utf8"), certPath };
    }
  }
  const now = new Date();
  const pems = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate: new Date(now.getTime() - DAY_MS),
    notAfterDate: new Date(now.getTime() + 825 * DAY_MS),
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }, { type: 7, ip: "127.0.0.1" }, { type: 7, ip: "::1" }] },
    ],
  });
  writeFileSync(certPath, pems.cert);
  writeFileSync(keyPath, pems.private, { mode: 0o600 });
  return { cert: pems.cert, key: pems.private, certPath };
}

class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError(`Request body over ${MAX_BODY_BYTES} bytes.`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function toFetchRequest(incoming: IncomingMessage, origin: string): Promise<Request> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value == null) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const method = incoming.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : Uint8Array.from(await readBody(incoming));
  // The URL uses the configured origin so signatures and ids match whatever host the client dialled.
  return new Request(new URL(incoming.url ?? "/", origin), { method, headers, body });
}

async function writeFetchResponse(response: Response, outgoing: ServerResponse, isHead: boolean): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    headers[name] = name === "set-cookie" ? response.headers.getSetCookie() : value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  outgoing.writeHead(response.status, headers);
  outgoing.end(isHead ? undefined : body);
}

/** Starts the server on 127.0.0.1 only; resolves once it listens. */
export async function startServer(options: { port: number; origin: string; tls?: { cert: string; key: string }; handler: FetchHandler }): Promise<Server> {
  const listener = async (incoming: IncomingMessage, outgoing: ServerResponse) => {
    let response: Response;
    try {
      response = await options.handler(await toFetchRequest(incoming, options.origin));
    } catch (error) {
      const isTooLarge = error instanceof BodyTooLargeError;
      if (!isTooLarge) console.error(`request ${incoming.method} ${incoming.url} failed: ${error instanceof Error ? error.stack : String(error)}`);
      response = Response.json({ error: isTooLarge ? error.message : "Internal error; see the council's stderr." }, { status: isTooLarge ? 413 : 500 });
    }
    try {
      await writeFetchResponse(response, outgoing, incoming.method === "HEAD");
    } catch (error) {
      console.error(`response to ${incoming.method} ${incoming.url} failed: ${String(error)}`);
      outgoing.destroy();
    }
  };
  const server = options.tls == null
    ? createHttpServer(listener)
    : createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  server.on("error", (error) => console.error(`server error: ${String(error)}`));
  return server;
}
