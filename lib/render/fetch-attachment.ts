import { assertPublicUrl } from "../http/connection-guard";
import { installNetworkGuards } from "../http/network-guards";
import { fetchWithByteLimit } from "../http/remote-fetch-limits";
import type { SlideImage } from "./slide-content";

export interface FetchLimits { maxBytes: number; timeoutMs: number; maxRedirects: number }

/** Remote pictures are untrusted: a few MB, a few seconds, a few redirects. */
export const ATTACHMENT_LIMITS: FetchLimits = { maxBytes: 8 * 1024 * 1024, timeoutMs: 5_000, maxRedirects: 3 };

/** Thrown when a picture is refused; pages and slides then show its description instead. */
export class AttachmentFetchError extends Error {
  override name = "AttachmentFetchError";
}

/**
 * Fetches an announcement's own attachment (once, for /media and the slides): only http(s), every hop
 * through the private-address guard (and every connection through the connection
 * guard, which judges the address actually connected to), with byte and time limits
 * over the whole body.
 */
export async function fetchAttachmentImage(url: string, limits: FetchLimits = ATTACHMENT_LIMITS): Promise<SlideImage> {
  installNetworkGuards();
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let target = parseHttpUrl(url);
  for (let hop = 0; ; hop++) {
    await assertPublicUrl(target);
    let response: Response;
    try {
      const init = { redirect: "manual" as const, signal, headers: { accept: "image/avif,image/webp,image/png,image/jpeg,image/gif" } };
      response = await fetchWithByteLimit(target, init, limits.maxBytes);
    } catch (error) {
      throw new AttachmentFetchError(signal.aborted ? `took longer than ${limits.timeoutMs} ms` : `could not be fetched (${(error as Error).message})`);
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      if (hop >= limits.maxRedirects) throw new AttachmentFetchError(`more than ${limits.maxRedirects} redirects`);
      target = parseHttpUrl(new URL(location, target).href);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new AttachmentFetchError(`answered HTTP ${response.status}`);
    }
    const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (!mediaType.startsWith("image/")) {
      await response.body?.cancel();
      throw new AttachmentFetchError(`is ${mediaType || "of no stated type"}, not an image`);
    }
    const declared = Number(response.headers.get("content-length"));
    if (declared > limits.maxBytes) {
      await response.body?.cancel();
      throw new AttachmentFetchError(`is ${declared} bytes, more than ${limits.maxBytes}`);
    }
    return { data: await readCapped(response, limits, signal), mediaType };
  }
}

async function readCapped(response: Response, limits: FetchLimits, signal: AbortSignal): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limits.maxBytes) throw new AttachmentFetchError(`is more than ${limits.maxBytes} bytes`);
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => {});
    if (error instanceof AttachmentFetchError) throw error;
    throw new AttachmentFetchError(signal.aborted ? `took longer than ${limits.timeoutMs} ms` : `broke off (${(error as Error).message})`);
  }
  return Buffer.concat(chunks);
}

function parseHttpUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AttachmentFetchError("is not a valid URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new AttachmentFetchError(`uses ${url.protocol}, not http(s)`);
  return url;
}
