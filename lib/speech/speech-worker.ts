import { parentPort } from "node:worker_threads";
import { getSpeechEngine } from "./espeak-engine.ts";
import { renderSpeechMp3, type SpeechPlan } from "./render-audio.ts";

// Entry of the speech worker thread. Synthesis, loudness and MP3 encoding are about a
// second of CPU per announcement; here they never hold up the server's event loop
// (inbox, pages, SSE). Loaded by Node itself (type stripping), outside Next's bundle:
// imports carry their .ts extensions.

export interface SpeechJob { id: number; plan: Extract<SpeechPlan, { kind: "server" }> }
export type SpeechJobResult =
  | { id: number; mp3: Uint8Array; gainDb: number; seconds: number }
  | { id: number; error: string };

parentPort?.on("message", async (job: SpeechJob) => {
  try {
    const { mp3, gainDb, seconds } = await renderSpeechMp3(job.plan, getSpeechEngine());
    const bytes = new Uint8Array(mp3); // a copy we own, so it can be transferred
    parentPort!.postMessage({ id: job.id, mp3: bytes, gainDb, seconds } satisfies SpeechJobResult, [bytes.buffer]);
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: error instanceof Error ? error.message : String(error) } satisfies SpeechJobResult);
  }
});
