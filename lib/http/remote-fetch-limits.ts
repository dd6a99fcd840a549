// Every request this process makes to other servers goes through the global fetch,
// including the ones Fedify makes on its own: the actor and key documents behind every
// signature it verifies, WebFinger, outbox pages. Fedify's loaders have no size or
// time limit, so a server (any server: a signature names its key's URL) could send a
// document of gigabytes, or trickle one for hours. This wraps the global fetch once:
// documents (JSON, HTML, XML, text) stop at MAX_DOCUMENT_BYTES, and every request
// ends after REMOTE_FETCH_TIMEOUT_MS at the latest (sooner if its caller says so). Pictures and audio
// are left to their own callers' limits (lib/render/fetch-attachment.ts).

/** Largest remote document read: Mastodon keeps ActivityPub documents under 1 MiB; this allows twice that. */
export const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;
/** Time for a whole request, body included, when its caller set none. */
export const REMOTE_FETCH_TIMEOUT_MS = 20_000;

/** A remote document was larger than Crier reads. */
export class ResponseTooLargeError extends Error {
  override name = "ResponseTooLargeError";
}

const DOCUMENT_TYPE = /^(application\/([\w.+-]*\+)?(json|xml)|text\/)/i;
const INSTALLED = Symbol.for("crier.remoteFetchLimits");

/** Whether a response is a document to bound (a missing type counts: it could be anything). */
function isDocument(contentType: string | null): boolean {
  return contentType === null || DOCUMENT_TYPE.test(contentType.trim());
}

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

/** Wraps a fetch with the document size limit and the time limit (added to the caller's own signal, if any). */
export function withRemoteFetchLimits(inner: typeof fetch, maxBytes = MAX_DOCUMENT_BYTES, timeoutMs = REMOTE_FETCH_TIMEOUT_MS): typeof fetch {
  return async (input, init) => {
    const callerSignal = init?.signal ?? (input instanceof Request ? input.signal : null);
    const signal = callerSignal ? AbortSignal.any([callerSignal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
    const response = await inner(input, { ...init, signal });
    if (!response.body || !isDocument(response.headers.get("content-type"))) return response;
    const url = input instanceof Request ? input.url : String(input);
    return limitBody(response, url, maxBytes);
  };
}

/** Installs the limits on the global fetch, once per process. */
export function installRemoteFetchLimits(): void {
  const global = globalThis as { [INSTALLED]?: boolean };
  if (global[INSTALLED]) return;
  global[INSTALLED] = true;
  globalThis.fetch = withRemoteFetchLimits(globalThis.fetch.bind(globalThis));
}
