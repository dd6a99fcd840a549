import { createHash } from "node:crypto";
import type { Announcement } from "../announcements/types";
import { findUnreadableScript, type NoServerVoiceReason, type SpeechEngine, type SpeechVoice } from "./engine";
import type { LexiconSnapshot } from "./lexicon-store";
import { buildSpeechScript, joinSpeechScript, type SpeechScript } from "./script";
import { splitIntoRuns } from "./speech-runs";

// Planning runs in the server's main thread (it reads the lexicon and identifies
// languages); the speech worker thread only renders a plan (render-audio.ts), so it
// loads none of this.

/** Bump when the audio for the same script would come out differently (cache keys change). */
const PIPELINE_VERSION = "2";

/** A stretch of speech for one voice (see lib/speech/speech-runs.ts). */
export interface VoicedRun {
  text: string;
  voice: SpeechVoice;
}

/** How an announcement will be spoken: by the server with a voice, or left to the listener's device. */
export type SpeechPlan =
  | { kind: "server"; script: SpeechScript; voice: SpeechVoice; paragraphs: VoicedRun[][]; hash: string }
  | { kind: "device"; script: SpeechScript; reason: NoServerVoiceReason };

const NO_LEXICON: LexiconSnapshot = { digest: "none", entriesFor: () => [] };

/**
 * Decides the voices for an announcement (its language's, and another language's for a
 * sentence or a lexicon word in it) and the content hash its audio is cached by: the
 * hash covers the text each voice is given, so a lexicon edit changes the audio of the
 * posts it touches and of no others.
 */
export async function planSpeech(announcement: Announcement, engine: SpeechEngine, timeZone = "UTC", lexicon: LexiconSnapshot = NO_LEXICON): Promise<SpeechPlan> {
  const script = buildSpeechScript(announcement, timeZone);
  const text = joinSpeechScript(script);
  const unreadable = findUnreadableScript(text, script.language);
  if (unreadable) return { kind: "device", script, reason: unreadable };
  const [voice] = await engine.voicesFor(script.language);
  if (!voice) return { kind: "device", script, reason: "no-voice-for-language" };
  const voiceOf = async (language: string) => (language === script.language ? voice : (await engine.voicesFor(language))[0]);
  const hasVoice = async (language: string) => (await voiceOf(language)) !== undefined;
  const paragraphs: VoicedRun[][] = [];
  for (const paragraph of script.paragraphs) {
    const runs = await splitIntoRuns(paragraph, script.language, lexicon, hasVoice);
    paragraphs.push(await Promise.all(runs.map(async (run) => ({ text: run.text, voice: (await voiceOf(run.language)) ?? voice }))));
  }
  const said = paragraphs.map((runs) => runs.map((run) => `${run.voice.id}\t${run.text}`).join("\n")).join("\n\n");
  const hash = createHash("sha256").update(`${PIPELINE_VERSION}\n${engine.id}\n${voice.id}\n${said}`).digest("base64url").slice(0, 22);
  return { kind: "server", script, voice, paragraphs, hash };
}
