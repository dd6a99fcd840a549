import { createHash } from "node:crypto";
import { getCrierLogger } from "../log";

const logger = getCrierLogger("http");

/** An error a route can show as it is: a status and a message a person can act on. */
export class HttpError extends Error {
  override name = "HttpError";
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** Maps any thrown error to a JSON response, in one place for every route. */
export function errorResponse(error: unknown): Response {
  if (error instanceof HttpError) return Response.json({ error: error.message }, { status: error.status });
  if (error instanceof Error && error.name === "EnvError") return Response.json({ error: error.message }, { status: 500 });
  logger.error("Unexpected error: {error}", { error });
  return Response.json({ error: "Something went wrong inside Crier; the server log has the details." }, { status: 500 });
}

/**
 * A JSON response with a strong ETag; answers 304 when the client already has it,
 * so polling screens cost almost nothing.
 */
export function jsonWithEtag(request: Request, body: unknown, cacheControl = "no-cache"): Response {
  const json = JSON.stringify(body);
  return jsonTextWithEtag(request, json, etagOf(json), cacheControl);
}

/** The strong ETag of a response body. */
export function etagOf(text: string): string {
  return `"${createHash("sha256").update(text).digest("base64url").slice(0, 27)}"`;
}

/** Like jsonWithEtag, for JSON already serialised (and its ETag already known). */
export function jsonTextWithEtag(request: Request, json: string, etag: string, cacheControl = "no-cache"): Response {
  const headers = { etag, "cache-control": cacheControl, vary: "accept-encoding" };
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers });
  }
  // Not compressed ahead like the reader pages (lib/reader/page-cache.ts): Next compresses
  // a route handler's answer again whatever its Content-Encoding says.
  return new Response(json, { status: 200, headers: { ...headers, "content-type": "application/json; charset=utf-8" } });
}

/** Parses an optional bounded integer query parameter, or throws a 400 HttpError. */
export function parseIntegerParam(value: string | null, name: string, fallback: number, min: number, max: number): number {
  if (value === null || value === "") return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new HttpError(400, `${name} must be a whole number from ${min} to ${max}.`);
  }
  return number;
}

/** A request's JSON body; a body that is not JSON is a 400 whose sentence shows `example`. */
export async function readJsonBody(request: Request, example: string): Promise<unknown> {
  return request.json().catch(() => {
    throw new HttpError(400, `The body must be JSON like ${example}.`);
  });
}
