// Every request this process makes to other servers goes through the global fetch,
// including the ones Fedify makes on its own: the actor and key documents behind every
// signature it verifies, the JSON-LD contexts a body names (fetched before any
// signature is checked), WebFinger, outbox pages. Fedify's loaders have no size or
// time limit and parse whatever comes back as JSON-LD, whatever its Content-Type, so
// a server (any server: a body names its contexts, a signature its key's URL) could
// send gigabytes of application/octet-stream, or trickle a document for hours. This
// wraps the global fetch once: every response stops at MAX_DOCUMENT_BYTES, whatever
// its type, and every request ends after REMOTE_FETCH_TIMEOUT_MS at the latest (sooner
// if its caller says so). A caller that needs more (pictures) asks for it explicitly
// with fetchWithByteLimit.

/** Largest remote document read: Mastodon keeps ActivityPub documents under 1 MiB; this allows twice that. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
/** Time for a whole request, body included, when its caller set none. */
export const REMOTE_FETCH_TIMEOUT_MS = 20_000;

/** A remote document was larger than Crier reads. */
export class ResponseTooLargeError extends Error {
  override name = "ResponseTooLargeError";
}

// The fetch as it was before the limits wrapped it, for callers that set their own.
const UNLIMITED_FETCH = Symbol.for("crier.remoteFetchLimits");

/** A response whose body errors with ResponseTooLargeError past `maxBytes`, otherwise the same. */
function limitBody(response: Response, url: string, maxBytes: number): Response {
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) {
    void response.body?.cancel().catch(() => {});
    throw new ResponseTooLargeError(`${url} declared ${declared} bytes; Crier reads at most ${maxBytes}.`);
  }
  let seen = 0;
  const body = response.body!.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      seen += chunk.byteLength;
      if (seen > maxBytes) controller.error(new ResponseTooLargeError(`${url} sent more than ${maxBytes} bytes; Crier stopped reading.`));
      else controller.enqueue(chunk);
    },
  }));
  const limited = new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  // Fedify takes a document's URL (after redirects) from the response.
  Object.defineProperties(limited, { url: { value: response.url }, redirected: { value: response.redirected } });
  return limited;
}

/** Wraps a fetch with a size limit on every response body and the time limit (added to the caller's own signal, if any). */
export function withRemoteFetchLimits(inner: typeof fetch, maxBytes = MAX_DOCUMENT_BYTES, timeoutMs = REMOTE_FETCH_TIMEOUT_MS): typeof fetch {
  return async (input, init) => {
    const callerSignal = init?.signal ?? (input instanceof Request ? input.signal : null);
    const signal = callerSignal ? AbortSignal.any([callerSignal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    const response = await inner(input, { ...init, signal });
    if (!response.body) return response;
    const url = input instanceof Request ? input.url : String(input);
    return limitBody(response, url, maxBytes);
  };
}

/**
 * Installs the limits on the global fetch, once per process, and a default
 * User-Agent (lib/http/user-agent.ts) under them, so limited and picture fetches alike carry it.
 */
export function installRemoteFetchLimits(addUserAgent: (inner: typeof fetch) => typeof fetch = (inner) => inner): void {
  const global = globalThis as { [UNLIMITED_FETCH]?: typeof fetch };
  if (global[UNLIMITED_FETCH]) return;
  const unlimited = addUserAgent(globalThis.fetch.bind(globalThis));
  global[UNLIMITED_FETCH] = unlimited;
  globalThis.fetch = withRemoteFetchLimits(unlimited);
}

/** Fetches with a byte limit of the caller's choosing instead of the document limit (pictures: 8 MB). */
export function fetchWithByteLimit(input: RequestInfo | URL, init: RequestInit, maxBytes: number): Promise<Response> {
  const unlimited = (globalThis as { [UNLIMITED_FETCH]?: typeof fetch })[UNLIMITED_FETCH] ?? globalThis.fetch.bind(globalThis);
  return withRemoteFetchLimits(unlimited, maxBytes)(input, init);
}
