import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, gzipOnce } from "../../../lib/http/precompressed";

describe("pre-compressed bodies", () => {
  it("takes gzip only when the request accepts it", () => {
    for (const header of ["gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8, *;q=0.1", "*", "x-gzip", "GZIP"]) expect(acceptsGzip(header), header).toBe(true);
    for (const header of [null, undefined, "", "identity", "br", "gzip;q=0", "*;q=0", "br, gzip;q=0, *"]) expect(acceptsGzip(header), String(header)).toBe(false);
  });

  it("compresses to bytes that decompress to the same text", () => {
    const text = JSON.stringify({ items: Array.from({ length: 20 }, (_, i) => ({ id: i, text: "Bins are collected on Saturday. Ā ā 日本 🎉" })) });
    const gzip = gzipOnce(text);
    expect(gzip.byteLength).toBeLessThan(Buffer.byteLength(text) / 4);
    expect(gunzipSync(gzip).toString("utf8")).toBe(text);
  });
});
