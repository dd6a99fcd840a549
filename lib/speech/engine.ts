/** Mono 16-bit samples from a speech engine. */
export interface SpeechAudio {
  samples: Int16Array;
  sampleRate: number;
}

/** A voice an engine offers for a language. */
export interface SpeechVoice {
  id: string;
  name: string;
  language: string;
}

/**
 * A speech synthesiser. Text goes in as a value (never through a shell or a
 * command line); implementations escape whatever their input format treats as markup.
 */
export interface SpeechEngine {
  readonly id: string;
  /** Voices for a BCP 47 language, best first; empty when the engine cannot speak it. */
  voicesFor(language: string): Promise<SpeechVoice[]>;
  /**
   * Speaks one paragraph, each run with its voice from voicesFor() (a Māori place name
   * inside an English sentence), as one utterance. A run's text is plain text, except
   * that [[…]] is read as espeak-ng phonemes (lib/speech/speech-runs.ts writes those
   * only from the operators' lexicon, and neutralises any in a post).
   */
  synthesize(runs: { text: string; voice: SpeechVoice }[]): Promise<SpeechAudio>;
}

/** Why the server does not speak an announcement, so /listen offers the device's voice instead. */
export type NoServerVoiceReason = "no-voice-for-language" | "script-not-readable";

// Kanji (and other Han ideographs): espeak-ng's Japanese voice reads kana only.
const HAN = /\p{Script=Han}/u;

/** Whether the server should leave this text to the device's own voice (RENDER-NOTES.md: Japanese kanji). */
export function findUnreadableScript(text: string, language: string): NoServerVoiceReason | null {
  return language.toLowerCase().startsWith("ja") && HAN.test(text) ? "script-not-readable" : null;
}
