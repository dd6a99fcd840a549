import { deflateSync } from "node:zlib";

// Podcast apps require square artwork of 1400–3000 px (JPEG or PNG). Drawn here
// (a yellow loudspeaker with sound waves on black, 14.8:1) so no image file or
// image library is needed: a two-colour palette PNG.

const SIZE = 1400;
let cached: Uint8Array<ArrayBuffer> | undefined;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function isInk(x: number, y: number): boolean {
  const cx = SIZE * 0.38, cy = SIZE / 2;
  // Speaker body and cone.
  if (x >= SIZE * 0.2 && x < SIZE * 0.3 && Math.abs(y - cy) < SIZE * 0.09) return true;
  if (x >= SIZE * 0.3 && x < cx && Math.abs(y - cy) < SIZE * 0.09 + (x - SIZE * 0.3) * 2.2) return true;
  // Three sound waves: rings to the right of the cone.
  const distance = Math.hypot(x - cx, y - cy);
  const angle = Math.abs(Math.atan2(y - cy, x - cx));
  if (x <= cx || angle > 0.8) return false;
  return [0.14, 0.24, 0.34].some((radius) => Math.abs(distance - SIZE * radius) < SIZE * 0.025);
}

/** The podcast artwork as PNG bytes (drawn once per process). */
export function renderPodcastArtwork(): Uint8Array<ArrayBuffer> {
  if (cached) return cached;
  const raw = new Uint8Array(SIZE * (SIZE + 1));
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE + 1)] = 0;
    for (let x = 0; x < SIZE; x++) raw[y * (SIZE + 1) + 1 + x] = isInk(x, y) ? 1 : 0;
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, SIZE);
  view.setUint32(4, SIZE);
  header.set([8, 3, 0, 0, 0], 8);
  const signature = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]);
  const parts = [signature, chunk("IHDR", header), chunk("PLTE", new Uint8Array([0, 0, 0, 255, 213, 0])), chunk("IDAT", deflateSync(raw)), chunk("IEND", new Uint8Array())];
  cached = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    cached.set(part, offset);
    offset += part.length;
  }
  return cached;
}
