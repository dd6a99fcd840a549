/** A satisfiable byte range (inclusive ends), or "unsatisfiable", or null for "send it all". */
export type ByteRange = { start: number; end: number } | "unsatisfiable" | null;

/** Parses a Range header for one range of a `size`-byte body (multiple ranges are answered whole, as RFC 9110 allows). */
export function parseByteRange(header: string | null, size: number): ByteRange {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return null;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}

/**
 * Serves bytes the way media players expect: a strong ETag (304 to If-None-Match),
 * Accept-Ranges, 206 for a Range (honoured only when If-Range still matches), 416 past the end.
 */
export function sendBytes(request: Request, bytes: Uint8Array<ArrayBuffer>, options: { etag: string; contentType: string; cacheControl?: string }): Response {
  const headers: Record<string, string> = {
    etag: options.etag,
    "accept-ranges": "bytes",
    "content-type": options.contentType,
    "cache-control": options.cacheControl ?? "public, max-age=300",
  };
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === options.etag)) {
    return new Response(null, { status: 304, headers });
  }
  const ifRange = request.headers.get("if-range");
  const range = ifRange && ifRange !== options.etag ? null : parseByteRange(request.headers.get("range"), bytes.length);
  const isHead = request.method === "HEAD";
  if (range === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...headers, "content-range": `bytes */${bytes.length}` } });
  }
  if (range) {
    const part = bytes.subarray(range.start, range.end + 1);
    return new Response(isHead ? null : part, {
      status: 206,
      headers: { ...headers, "content-range": `bytes ${range.start}-${range.end}/${bytes.length}`, "content-length": String(part.length) },
    });
  }
  return new Response(isHead ? null : bytes, { status: 200, headers: { ...headers, "content-length": String(bytes.length) } });
}
