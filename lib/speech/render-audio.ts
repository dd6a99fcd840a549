import { upsampleTwice, normaliseLoudness } from "./audio-processing.ts";
import type { SpeechEngine } from "./engine.ts";
import { encodeMp3, yieldToEventLoop } from "./mp3.ts";
import type { SpeechPlan } from "./plan-speech.ts";

export type { SpeechPlan, VoicedRun } from "./plan-speech.ts";

export const OUTPUT_SAMPLE_RATE = 44_100;
export const TARGET_LUFS = -16;
export const MP3_KBPS = 64;
// A short breath between paragraphs (header, warning, text, images).
const PARAGRAPH_PAUSE_SECONDS = 0.35;

/** Speaks a planned script: synthesis per paragraph, 44.1 kHz, −16 LUFS, MP3. */
export async function renderSpeechMp3(plan: Extract<SpeechPlan, { kind: "server" }>, engine: SpeechEngine): Promise<{ mp3: Uint8Array; gainDb: number; seconds: number }> {
  const pieces: Int16Array[] = [];
  let sourceRate = 22_050;
  for (const runs of plan.paragraphs) {
    const audio = await engine.synthesize(runs);
    sourceRate = audio.sampleRate;
    pieces.push(audio.samples, new Int16Array(Math.round(PARAGRAPH_PAUSE_SECONDS * audio.sampleRate)));
    await yieldToEventLoop();
  }
  if (sourceRate * 2 !== OUTPUT_SAMPLE_RATE) throw new Error(`The speech engine gave ${sourceRate} Hz; Crier expects 22050 Hz.`);
  const joined = new Int16Array(pieces.reduce((total, piece) => total + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    joined.set(piece, offset);
    offset += piece.length;
  }
  const samples = upsampleTwice(joined);
  await yieldToEventLoop();
  const gainDb = normaliseLoudness(samples, OUTPUT_SAMPLE_RATE, TARGET_LUFS);
  await yieldToEventLoop();
  const mp3 = await encodeMp3(samples, OUTPUT_SAMPLE_RATE, MP3_KBPS);
  return { mp3, gainDb, seconds: samples.length / OUTPUT_SAMPLE_RATE };
}
