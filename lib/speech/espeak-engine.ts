import type { SpeechAudio, SpeechEngine, SpeechVoice } from "./engine.ts";
import { getRuntimePart } from "../runtime/registry.ts";

// espeak-ng compiled to WASM with all its voice data (npm @echogarden/espeak-ng-emscripten,
// GPL-3.0): no system package, no process, no shell. It must stay outside the
// bundle (serverExternalPackages): it finds espeak-ng.data through import.meta.url.

interface EspeakWorker {
  list_voices(): { identifier: string; name: string; languages: { priority: number; name: string }[] }[];
  set_voice(name: string): void;
  set_rate(wpm: number): void;
  synthesize(text: string, onChunk: (samples: Int16Array, events: unknown[]) => void): void;
}

const SAMPLE_RATE = 22_050;
const WORDS_PER_MINUTE = 165;
// The thread's espeak-ng voice is always this one, and every run names its own voice in
// SSML: espeak-ng keeps some of a voice's settings after set_voice() to another (after
// the Māori voice, whose file says "words 1 2", English came out at half speed: 9.6 s
// instead of 5.0 s for one sentence), while a <voice> element is undone at its end.
const BASE_VOICE = "en-gb";
// Preferred espeak voice per base language where its default is not the best choice.
const PREFERRED: Record<string, string> = { en: "en-gb", fr: "fr-fr", pt: "pt", es: "es" };
// In the runtime of the thread that speaks (the speech worker; the main thread only lists voices).
async function loadWorker(): Promise<EspeakWorker> {
  return getRuntimePart("espeak", async () => {
    const { default: initialise } = await import("@echogarden/espeak-ng-emscripten");
    const module = await initialise();
    return new module.eSpeakNGWorker() as EspeakWorker;
  });
}

/** Escapes what espeak-ng's SSML-ish input treats as markup, and drops control characters. */
export function escapeForEspeak(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

/** The embedded default engine: espeak-ng as WASM, in this process. */
export class EspeakWasmEngine implements SpeechEngine {
  readonly id = "espeak-ng-wasm";

  // Asking the WASM module for its voice list costs milliseconds, and every audio
  // request plans its speech: the answer per language never changes, so keep it.
  readonly #voicesByLanguage = new Map<string, Promise<SpeechVoice[]>>();

  voicesFor(language: string): Promise<SpeechVoice[]> {
    const key = language.toLowerCase();
    let voices = this.#voicesByLanguage.get(key);
    if (!voices) {
      voices = this.#findVoices(key);
      voices.catch(() => this.#voicesByLanguage.delete(key));
      this.#voicesByLanguage.set(key, voices);
    }
    return voices;
  }

  async #findVoices(language: string): Promise<SpeechVoice[]> {
    const worker = await loadWorker();
    const wanted = language === "und" ? "en" : language;
    const base = wanted.split("-")[0]!;
    const voices: (SpeechVoice & { rank: number })[] = [];
    for (const voice of worker.list_voices()) {
      voice.languages.forEach((entry, index) => {
        const name = entry.name.toLowerCase();
        const rank =
          name === wanted && wanted !== base ? 0
          : name === PREFERRED[base] ? 1
          : name === base ? 2 + index
          : name.startsWith(`${base}-`) ? 10 + index
          : -1;
        if (rank >= 0) voices.push({ id: entry.name, name: voice.name, language: entry.name, rank });
      });
    }
    voices.sort((a, b) => a.rank - b.rank);
    return voices.map(({ rank: _rank, ...voice }) => voice);
  }

  async synthesize(runs: { text: string; voice: SpeechVoice }[]): Promise<SpeechAudio> {
    const worker = await loadWorker();
    worker.set_voice(BASE_VOICE);
    worker.set_rate(WORDS_PER_MINUTE);
    // The spaces inside each element matter: espeak-ng reads [[…]] as phonemes only after a space.
    const input = runs.map(({ text, voice }) => `<voice name="${escapeForEspeak(voice.id).replace(/"/g, "&quot;")}"> ${escapeForEspeak(text)} </voice>`).join(" ");
    const chunks: Int16Array[] = [];
    let length = 0;
    worker.synthesize(input, (samples) => {
      if (samples && samples.length > 0) {
        chunks.push(Int16Array.from(samples));
        length += samples.length;
      }
    });
    const samples = new Int16Array(length);
    let offset = 0;
    for (const chunk of chunks) {
      samples.set(chunk, offset);
      offset += chunk.length;
    }
    return { samples, sampleRate: SAMPLE_RATE };
  }
}

/** The engine this server speaks with (one per thread, so its voice lists are kept). */
export function getSpeechEngine(): SpeechEngine {
  return getRuntimePart("speech-engine", () => new EspeakWasmEngine());
}
