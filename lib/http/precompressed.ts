import { gzipSync } from "node:zlib";

// A body many visitors get unchanged (a kept reader page) is compressed once when it is
// kept, not again for every answer: in an emergency, when everyone opens the same page at
// once, compressing each answer would cost the server more than finding it.

/** The gzip bytes of a body (level 6, what `next start` uses). */
export function gzipOnce(body: string | Uint8Array): Buffer {
  return gzipSync(body, { level: 6 });
}

/**
 * Whether a request's Accept-Encoding takes gzip: named (or `*`) with a q above 0, and
 * not refused by name (`gzip;q=0`).
 */
export function acceptsGzip(header: string | null | undefined): boolean {
  if (!header) return false;
  let wildcard = false;
  for (const part of header.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    const q = params.map((param) => param.trim()).find((param) => param.startsWith("q="));
    const isAccepted = q === undefined || Number(q.slice(2)) > 0;
    if (name === "gzip" || name === "x-gzip") return isAccepted;
    if (name === "*") wildcard = isAccepted;
  }
  return wildcard;
}
