import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Announcement } from "@/lib/announcements/types";
import { EspeakWasmEngine } from "@/lib/speech/espeak-engine";
import { planSpeech } from "@/lib/speech/plan-speech";
import { renderSpeechMp3 } from "@/lib/speech/render-audio";
import { joinSpeechScript } from "@/lib/speech/script";

// Real audio through the whole pipeline (espeak-ng WASM → 44.1 kHz → −16 LUFS → MP3),
// checked with the tools podcast producers use: ffprobe, ffmpeg's EBU R128 meter, sox.

const dir = mkdtempSync(path.join(tmpdir(), "crier-audio-"));
const engine = new EspeakWasmEngine();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function makeAnnouncement(language: string, text: string, alt: string | null = null): Announcement {
  return {
    id: `test-${language}`, uri: `https://council.example/${language}`, url: null,
    account: { handle: "@news@council.example", name: "City News", uri: "https://council.example/users/news", url: null, avatarUrl: null, official: true },
    published: "2026-11-20T09:00:00.000Z", updated: null, language, summary: null, sensitive: false, html: "", text,
    attachments: alt ? [{ url: "https://council.example/a.png", mediaType: "image/png", alt, width: null, height: null }] : [],
    tags: [], visibility: "public", priority: "normal",
  };
}

async function speakToFile(announcement: Announcement): Promise<{ file: string; words: number }> {
  const plan = await planSpeech(announcement, engine);
  if (plan.kind !== "server") throw new Error(`no server voice for ${announcement.language}`);
  const { mp3 } = await renderSpeechMp3(plan, engine);
  const file = path.join(dir, `${announcement.id}-${plan.hash}.mp3`);
  writeFileSync(file, mp3);
  return { file, words: joinSpeechScript(plan.script).split(/\s+/).filter(Boolean).length };
}

function probe(file: string): { codec: string; sampleRate: number; seconds: number } {
  const info = JSON.parse(execFileSync("ffprobe", ["-v", "error", "-show_streams", "-show_format", "-of", "json", file], { encoding: "utf8" }));
  return { codec: info.streams[0].codec_name, sampleRate: Number(info.streams[0].sample_rate), seconds: Number(info.format.duration) };
}

function measureLufsFromStderr(file: string): number {
  try {
    execFileSync("sh", ["-c", 'ffmpeg -hide_banner -nostats -i "$1" -af ebur128 -f null - 2>&1 1>/dev/null | tail -n 12 >&2; exit 3', "sh", file], { encoding: "utf8" });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? "");
    return Number(/I:\s+(-?[\d.]+) LUFS/.exec(stderr)?.[1] ?? NaN);
  }
  return NaN;
}

function soxRms(file: string): number {
  const result = execFileSync("sh", ["-c", 'sox "$1" -n stat 2>&1', "sh", file], { encoding: "utf8" });
  return Number(/RMS\s+amplitude:\s+([\d.]+)/.exec(result)?.[1] ?? 0);
}

const SAMPLES: [string, string, string][] = [
  ["en", "The library on Main Street reopens on Monday after its refit. The children's reading hour returns on Saturday mornings, and the new study room can be booked at the front desk.", "A bright reading room with tall windows."],
  ["nl", "De markt verhuist tijdelijk naar het Stationsplein, vóór het café. De kramen staan er elke zaterdag van acht tot een uur, zolang de werkzaamheden aan het plein duren.", "Een plattegrond van het Stationsplein."],
  ["fr", "La piscine municipale est fermée pour travaux jusqu'à la fin du mois. Les nageurs peuvent utiliser le centre aquatique de la rue des Lilas, aux mêmes horaires.", "Le bassin vide, en travaux."],
  ["de", "Die Stadtbibliothek bleibt am Montag wegen Bauarbeiten geschlossen. Ab Dienstag gelten wieder die üblichen Öffnungszeiten, und die Rückgabebox vor dem Eingang ist rund um die Uhr geöffnet.", "Der Eingang der Bibliothek mit Bauzaun."],
  ["mi", "Ka katia te whare pukapuka ā te Mane, nā te mahi whakapai. Ka tuwhera anō ā te Tūrei, ā, kei te tuwhera tonu te pouaka whakahoki pukapuka i ngā wā katoa.", "Te tomokanga o te whare pukapuka."],
];

describe("spoken audio", () => {
  it.each(SAMPLES)("%s: decodable 44.1 kHz MP3, sane speaking rate, not silence, −16 LUFS ±2", async (language, text, alt) => {
    const { file, words } = await speakToFile(makeAnnouncement(language, text, alt));
    const { codec, sampleRate, seconds } = probe(file);
    expect(codec).toBe("mp3");
    expect(sampleRate).toBe(44_100);
    const wordsPerMinute = words / (seconds / 60);
    expect(wordsPerMinute).toBeGreaterThan(80);
    expect(wordsPerMinute).toBeLessThan(230);
    expect(soxRms(file)).toBeGreaterThan(0.02);
    const lufs = measureLufsFromStderr(file);
    expect(Math.abs(lufs - -16)).toBeLessThanOrEqual(2);
  });

  it("gets longer with longer text", async () => {
    const short = probe((await speakToFile(makeAnnouncement("en", "Bins go out on Tuesday."))).file).seconds;
    const long = probe((await speakToFile(makeAnnouncement("en", "Bins go out on Tuesday. ".repeat(6)))).file).seconds;
    expect(long).toBeGreaterThan(short * 2);
  });
});

describe("posts built to inject commands", () => {
  const marker = path.join(dir, "marker");
  const attacks = [
    `") (system "touch ${marker}") (SayText "`,
    `$(touch ${marker})`,
    `\`touch ${marker}\``,
    `; rm -rf / ; touch ${marker}`,
    "--help",
    `-w ${marker} -v en`,
    `<speak><audio src="file:///etc/passwd"/><say-as interpret-as="characters">x</say-as></speak> <?xml version="1.0"?> <!ENTITY x SYSTEM "file:///etc/passwd"> &x;`,
  ];

  it.each(attacks)("speaks %s as text and runs nothing", async (attack) => {
    const { file } = await speakToFile(makeAnnouncement("en", attack));
    expect(probe(file).seconds).toBeGreaterThan(1);
    expect(existsSync(marker)).toBe(false);
  });
});

