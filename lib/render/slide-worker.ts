import { parentPort } from "node:worker_threads";
import { renderSlidePng } from "./render-slide.ts";
import type { SlideContent, SlideImage } from "./slide-content.ts";
import type { SlideOptions } from "./slide-themes.ts";

// Entry of the render worker thread. satori's layout is synchronous CPU work, so it
// runs here and never blocks the server's event loop. Loaded by Node itself (type
// stripping), outside Next's bundle: imports carry their .ts extensions.

/** `cancel` is shared with the pool: 1 means nobody waits for this slide any more. */
export interface SlideJob { id: number; content: SlideContent; options: SlideOptions; image: SlideImage | null; cancel: Int32Array }
export type SlideJobResult = { id: number; png: Uint8Array; ms: number } | { id: number; error: string };

parentPort?.on("message", async (job: SlideJob) => {
  const started = performance.now();
  try {
    const { png } = await renderSlidePng(job.content, job.options, job.image, () => Atomics.load(job.cancel, 0) === 1);
    const bytes = new Uint8Array(png); // a copy we own, so it can be transferred
    parentPort!.postMessage({ id: job.id, png: bytes, ms: performance.now() - started } satisfies SlideJobResult, [bytes.buffer]);
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies SlideJobResult);
  }
});
