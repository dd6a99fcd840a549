import { Mp3Encoder } from "@breezystack/lamejs";

// Pure-JS MP3 (lamejs, the @breezystack fork; lamejs 1.2.1 is broken). Encoding
// ~25 s of speech takes about a second of CPU, so it yields to the event loop
// between chunks: requests keep being answered while audio is made in the background.

const FRAME = 1152;
const FRAMES_PER_SLICE = 24;

/** Gives other work on the event loop a turn. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Encodes mono float samples (−1…1) as a constant-bitrate MP3, yielding between slices. */
export async function encodeMp3(samples: Float32Array, sampleRate: number, kbps = 64): Promise<Uint8Array> {
  const encoder = new Mp3Encoder(1, sampleRate, kbps);
  const pcm = Int16Array.from(samples, (value) => Math.max(-32768, Math.min(32767, Math.round(value * 32767))));
  const parts: Uint8Array[] = [];
  const slice = FRAME * FRAMES_PER_SLICE;
  for (let start = 0; start < pcm.length; start += slice) {
    const bytes = encoder.encodeBuffer(pcm.subarray(start, start + slice));
    if (bytes.length > 0) parts.push(Uint8Array.from(bytes));
    await yieldToEventLoop();
  }
  const tail = encoder.flush();
  if (tail.length > 0) parts.push(Uint8Array.from(tail));
  const output = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    output.set(part, offset);
    offset += part.length;
  }
  return output;
}
