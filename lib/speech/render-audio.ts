import { createHash } from "node:crypto";
import type { Announcement } from "../announcements/types";
import { upsampleTwice, normaliseLoudness } from "./audio-processing.ts";
import { findUnreadableScript, type NoServerVoiceReason, type SpeechEngine, type SpeechVoice } from "./engine.ts";
import { encodeMp3, yieldToEventLoop } from "./mp3.ts";
import { buildSpeechScript, joinSpeechScript, type SpeechScript } from "./script.ts";

/** Bump when the audio for the same script would come out differently (cache keys change). */
const PIPELINE_VERSION = "1";
export const OUTPUT_SAMPLE_RATE = 44_100;
export const TARGET_LUFS = -16;
export const MP3_KBPS = 64;
// A short breath between paragraphs (header, warning, text, images).
const PARAGRAPH_PAUSE_SECONDS = 0.35;

/** How an announcement will be spoken: by the server with a voice, or left to the listener's device. */
export type SpeechPlan =
  | { kind: "server"; script: SpeechScript; voice: SpeechVoice; hash: string }
  | { kind: "device"; script: SpeechScript; reason: NoServerVoiceReason };

/** Decides the voice for an announcement's language and the content hash its audio is cached by. */
export async function planSpeech(announcement: Announcement, engine: SpeechEngine, timeZone = "UTC"): Promise<SpeechPlan> {
  const script = buildSpeechScript(announcement, timeZone);
  const text = joinSpeechScript(script);
  const unreadable = findUnreadableScript(text, script.language);
  if (unreadable) return { kind: "device", script, reason: unreadable };
  const [voice] = await engine.voicesFor(script.language);
  if (!voice) return { kind: "device", script, reason: "no-voice-for-language" };
  const hash = createHash("sha256").update(`${PIPELINE_VERSION}\n${engine.id}\n${voice.id}\n${text}`).digest("base64url").slice(0, 22);
  return { kind: "server", script, voice, hash };
}

/** Speaks a planned script: synthesis per paragraph, 44.1 kHz, −16 LUFS, MP3. */
export async function renderSpeechMp3(plan: Extract<SpeechPlan, { kind: "server" }>, engine: SpeechEngine): Promise<{ mp3: Uint8Array; gainDb: number; seconds: number }> {
  const pieces: Int16Array[] = [];
  let sourceRate = 22_050;
  for (const paragraph of plan.script.paragraphs) {
    const audio = await engine.synthesize(paragraph, plan.voice);
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
