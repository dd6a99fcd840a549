import type { Context } from "@fedify/fedify";
import { isSameOrigin } from "../announcements/authorship";
import { SERVICE_ACTOR } from "./actor";

/** A remote document could not be had; `isTransient` says whether trying later may help, `isGone` whether its server said 404 or 410. */
export class RemoteDocumentError extends Error {
  override name = "RemoteDocumentError";
  readonly isTransient: boolean;
  readonly isGone: boolean;

  constructor(message: string, isTransient: boolean, isGone = false) {
    super(message);
    this.isTransient = isTransient;
    this.isGone = isGone;
  }
}

/**
 * Fetches a remote ActivityPub document as raw JSON with our actor's signature, so
 * servers in authorized-fetch mode answer, through Fedify's loader (which refuses
 * private addresses unless ALLOW_PRIVATE_ADDRESS is set). The document must carry
 * the id it was fetched by's origin: a server cannot speak for another.
 */
export async function fetchRemoteJson(ctx: Context<void>, url: string): Promise<Record<string, unknown>> {
  const loader = await ctx.getDocumentLoader({ identifier: SERVICE_ACTOR });
  let remote;
  try {
    remote = await loader(url);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const isGone = /\b(404|410)\b/.test(message);
    const isRefused = error instanceof Error && (error.name === "UrlError" || error.name === "ResponseTooLargeError");
    throw new RemoteDocumentError(`Could not fetch ${url}: ${message}`, !isGone && !isRefused, isGone);
  }
  const document = remote.document;
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    throw new RemoteDocumentError(`${url} did not answer with a JSON object.`, false);
  }
  const record = document as Record<string, unknown>;
  const id = typeof record.id === "string" ? record.id : remote.documentUrl;
  if (!isSameOrigin(id, remote.documentUrl) || !isSameOrigin(id, url)) {
    throw new RemoteDocumentError(`${url} answered with a document from another origin (${id}).`, false);
  }
  return record;
}
