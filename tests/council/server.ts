// Entry point of the demo council: `npx node tests/council/server.ts`.
// Prints "council ready <origin> (@council@<host>)" once it listens.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Server } from "node:http";
import { configure, getConsoleSink } from "@logtape/logtape";
import { ACTORS } from "./actors.ts";
import { readConfig } from "./config.ts";
import type { CouncilConfig } from "./config.ts";
import { handleControlRequest } from "./control-api.ts";
import { applyFaults } from "./faults.ts";
import { noteUserAgent } from "./user-agents.ts";
import { createCouncilFederation } from "./federation.ts";
import { loadOrCreateCertificate, startServer } from "./https.ts";
import { loadKeyPairs, StateFile } from "./state.ts";
import { handleWebRequest } from "./web.ts";

/** Redirects browsers from ActivityPub URLs to the HTML pages, as Mastodon does. */
function redirectToHtml(request: Request): Response {
  const { pathname } = new URL(request.url);
  const status = pathname.match(/^\/users\/([\w-]+)\/statuses\/(\d+)$/);
  if (status != null) return Response.redirect(new URL(`/@${status[1]}/${status[2]}`, request.url), 302);
  const actor = pathname.match(/^\/users\/([\w-]+)$/);
  if (actor != null) return Response.redirect(new URL(`/@${actor[1]}`, request.url), 302);
  return new Response("Not acceptable: ask for application/activity+json.", { status: 406, headers: { Vary: "Accept" } });
}

const PUBLIC_IRI = "https://www.w3.org/ns/activitystreams#Public";

/**
 * Gives fetched documents the wire form Fedify gives pushed ones (and Mastodon
 * uses): the full Public IRI instead of "as:Public", `attachment` always an array.
 */
function normalizeForWire(value: unknown, key = ""): unknown {
  if (value === "as:Public") return PUBLIC_IRI;
  if (Array.isArray(value)) return value.map((item) => normalizeForWire(item));
  if (typeof value !== "object" || value == null || key === "@context") return value;
  const result: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    const normalized = normalizeForWire(item, name);
    result[name] = name === "attachment" && !Array.isArray(normalized) ? [normalized] : normalized;
  }
  return result;
}

async function normalizeResponse(response: Response): Promise<Response> {
  const type = response.headers.get("Content-Type") ?? "";
  if (response.status !== 200 || !/activity\+json|ld\+json/.test(type)) return response;
  const body = JSON.stringify(normalizeForWire(await response.json()));
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  return new Response(body, { status: 200, headers });
}

/** Starts the council; resolves once it listens on 127.0.0.1. */
export async function startCouncil(config: CouncilConfig): Promise<Server> {
  await configure({
    contextLocalStorage: new AsyncLocalStorage(),
    sinks: { console: getConsoleSink() },
    loggers: [
      { category: "fedify", sinks: ["console"], lowestLevel: config.logLevel },
      { category: ["logtape", "meta"], sinks: ["console"], lowestLevel: "warning" },
    ],
  });
  const store = new StateFile(config.dataDir);
  const keys = await loadKeyPairs(config.dataDir, ACTORS.map((actor) => actor.identifier));
  const federation = createCouncilFederation(config, store, keys);
  const tls = config.isHttp ? undefined : await loadOrCreateCertificate(config.dataDir);

  const onNotFound = (request: Request): Response => {
    const iri = new URL(request.url);
    iri.search = "";
    if (store.state.deleted.includes(iri.href)) return Response.json({ error: "Gone" }, { status: 410 });
    return Response.json({ error: "Not found" }, { status: 404 });
  };
  const handler = async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    if (pathname === "/_control" || pathname.startsWith("/_control/")) {
      return await handleControlRequest(federation.createContext(request, undefined), store, request);
    }
    noteUserAgent(request);
    const fault = await applyFaults(request);
    if (fault != null) return fault;
    const page = await handleWebRequest(request, store, config.origin);
    if (page != null) return page;
    return await normalizeResponse(await federation.fetch(request, { contextData: undefined, onNotFound, onNotAcceptable: redirectToHtml }));
  };
  return await startServer({ port: config.port, origin: config.origin, tls, handler });
}

async function main(): Promise<void> {
  let config: CouncilConfig;
  try {
    config = readConfig();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  let server: Server;
  try {
    server = await startCouncil(config);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(code === "EADDRINUSE"
      ? `Port ${config.port} is in use on 127.0.0.1; stop the other process or set COUNCIL_PORT.`
      : `The council could not start: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  }
  const host = new URL(config.origin).host;
  const modes = [config.isSecureMode ? "secure mode" : "", config.isManualAccept ? "manual accept" : ""].filter(Boolean);
  console.log(`council ready ${config.origin} (@council@${host})${modes.length > 0 ? ` [${modes.join(", ")}]` : ""}`);
  const stop = () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

process.on("unhandledRejection", (reason) => {
  console.error(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`);
});

if (import.meta.main) await main();
