import { getEnv } from "../env";
import { getCrierLogger } from "../log";
import { ACTIVITY_LIMITS, checkJsonShape } from "../http/json-guard";
import { withoutLinkedDataSignature } from "../announcements/delivery-shape";
import { checkDeliveryTrust, type UnconfirmedDeletion } from "./delivery-trust";
import { confirmDeletion } from "./deletion-check";
import { createFederationContext, getFederation } from "./federation";

const logger = getCrierLogger("http");

/**
 * Hands an ActivityPub request (actor, inboxes, WebFinger, NodeInfo) to Fedify,
 * after bounding the body: Fedify itself answers 500 on deeply nested JSON and
 * spends seconds canonicalising huge activities.
 */
export async function handleFederationRequest(request: Request): Promise<Response> {
  const url = getRequestUrl(request);
  let forwarded: Request;
  if (request.method === "POST") {
    const declared = Number(request.headers.get("content-length") ?? "0");
    if (declared > ACTIVITY_LIMITS.maxBytes) return refuse(413, "Body too large.", url);
    const body = await readBounded(request, ACTIVITY_LIMITS.maxBytes);
    if (body === null) return refuse(413, "Body too large.", url);
    const shape = checkJsonShape(body);
    if (!shape.ok) return refuse(shape.status, shape.reason, url);
    const activity = parseActivity(body);
    if (activity === "not-an-object") return refuse(400, "An activity must be a JSON object.", url);
    if (activity === null) return refuse(400, "The body is not JSON.", url);
    const verdict = await checkDeliveryTrust(new Request(url, { method: "POST", headers: request.headers, body }), activity);
    if (!verdict.ok) {
      if (verdict.unconfirmedDeletion) confirmDeletionSoon(verdict.unconfirmedDeletion);
      return refuse(verdict.status, verdict.reason, url);
    }
    forwarded = new Request(url, { method: "POST", headers: request.headers, body: withoutLinkedDataSignature(activity, body) });
  } else {
    forwarded = new Request(url, { method: request.method, headers: request.headers });
  }
  try {
    return await getFederation().fetch(forwarded, {
      contextData: undefined,
      onNotFound: () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } }),
      // A person opening the actor's URL in a browser gets the home page.
      onNotAcceptable: () => Response.redirect(new URL("/", url), 303),
    });
  } catch (error) {
    // Fedify rethrows some reading errors of malformed activities (a number where a
    // date belongs): the sender's fault, which a 500 would have it retry for nothing.
    if (request.method === "POST" && error instanceof TypeError) return refuse(400, `The activity could not be read: ${error.message}`, url);
    throw error;
  }
}

/**
 * The URL the sender signed. Other servers only know our inboxes under PUBLIC_URL
 * (every id we publish is built from it), and Next reports `localhost` whatever the
 * real address, so the origin is PUBLIC_URL's, never a client-supplied header.
 */
function getRequestUrl(request: Request): URL {
  const { pathname, search } = new URL(request.url);
  return new URL(pathname + search, getEnv().publicUrl);
}

/** The body as a JSON object; null when it is not JSON, "not-an-object" for other JSON. */
function parseActivity(body: string): Record<string, unknown> | "not-an-object" | null {
  let json: unknown;
  try {
    // Safe after checkJsonShape: bounded size and depth.
    json = JSON.parse(body);
  } catch {
    return null;
  }
  return json !== null && typeof json === "object" && !Array.isArray(json) ? (json as Record<string, unknown>) : "not-an-object";
}

/** A Delete refused for its signer is checked with the post's own server, after the answer (NodeBB's moderators sign as themselves). */
function confirmDeletionSoon({ objectUri, signerKeyId }: UnconfirmedDeletion): void {
  logger.info("Asking the server of {uri} whether it is gone ({key} signed a Delete of it).", { uri: objectUri, key: signerKeyId });
  void confirmDeletion(createFederationContext(), objectUri).catch((error) => {
    logger.warn("Could not confirm the deletion of {uri}: {error}", { uri: objectUri, error });
  });
}

async function readBounded(request: Request, maxBytes: number): Promise<string | null> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function refuse(status: number, reason: string, url: URL): Response {
  logger.info("Refused a {status} request to {path}: {reason}", { status, path: url.pathname, reason });
  return Response.json({ error: reason }, { status, headers: status === 503 ? { "retry-after": "60" } : {} });
}
