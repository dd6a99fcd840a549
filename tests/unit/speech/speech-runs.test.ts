import { describe, expect, it } from "vitest";
import type { Announcement } from "@/lib/announcements/types";
import { getSpeechEngine } from "@/lib/speech/espeak-engine";
import { parseLexicon, type LexiconEntry } from "@/lib/speech/lexicon";
import { getStarterLexicon } from "@/lib/speech/lexicon-starter";
import type { LexiconSnapshot } from "@/lib/speech/lexicon-store";
import { planSpeech } from "@/lib/speech/plan-speech";
import { splitIntoRuns } from "@/lib/speech/speech-runs";
import { MIXED_POSTS } from "../../fixtures/language-posts";

const engine = getSpeechEngine();
const hasVoice = async (language: string) => (await engine.voicesFor(language)).length > 0;
const lexiconOf = (entries: Record<string, LexiconEntry[]>): LexiconSnapshot => ({ digest: JSON.stringify(entries), entriesFor: (language) => entries[language] ?? [] });
const starter = lexiconOf({ en: getStarterLexicon("en") });
const runsOf = async (text: string, language: string, lexicon = starter) => (await splitIntoRuns(text, language, lexicon, hasVoice)).map((run) => `${run.language}: ${run.text}`);

const announcement: Announcement = {
  id: "a1", uri: "https://council.example/1", url: null,
  account: { handle: "@news@council.example", name: "City News", uri: "https://council.example/users/news", url: null, avatarUrl: null, official: true },
  published: "2026-11-20T09:00:00.000Z", updated: null, language: "en", summary: null, sensitive: false,
  html: "<p>The road to Wellington is closed.</p>", text: "The road to Wellington is closed.", attachments: [], tags: [], visibility: "public", priority: "normal",
};

describe("speech runs", () => {
  it("gives te reo Māori words in an English post to the Māori voice, lexicon words and words with macrons alike", async () => {
    expect(await runsOf("Kia ora everyone, the Whangārei library reopens on Monday.", "en")).toEqual([
      "mi: Kia ora", "en: everyone, the", "mi: Whangārei", "en: library reopens on Monday.",
    ]);
    // Written without macrons, said as the starter lexicon spells it.
    expect(await runsOf("Trains to Poneke are replaced by buses.", "en")).toEqual(["en: Trains to", "mi: Pōneke", "en: are replaced by buses."]);
    expect(await runsOf("The exhibition at Te Papa is free.", "en")).toEqual(["en: The exhibition at", "mi: Te Papa", "en: is free."]);
    // Not in a Māori post, and not for a word with a letter Māori does not use.
    expect(await runsOf("Kei te pai, ka kite anō.", "mi")).toEqual(["mi: Kei te pai, ka kite anō."]);
    expect(await runsOf("The café is open.", "en")).toEqual(["en: The café is open."]);
  });

  it("says every te reo Māori word of the mixed posts in tests/fixtures/language-posts.ts with the Māori voice, and the rest in English", async () => {
    let words = 0;
    for (const post of MIXED_POSTS) {
      const runs = await splitIntoRuns(post.text, "en", starter, hasVoice);
      const maori = runs.filter((run) => run.language === "mi").map((run) => run.text).join(" ");
      for (const word of post.maori!) {
        expect(maori, post.text).toContain(word);
        words++;
      }
      expect(runs.filter((run) => run.language === "en").map((run) => run.text).join(" ").length, post.text).toBeGreaterThan(post.text.length / 2);
    }
    console.log(`[speech] ${words} te reo Māori words in ${MIXED_POSTS.length} English posts, all said by the Māori voice`);
  });

  it("gives a sentence in another language to that language's voice", async () => {
    const runs = await runsOf("De bibliotheek is maandag gesloten voor onderhoud aan de verwarming. Please note that the library on Station Road is closed on Monday for repairs. Tot ziens!", "nl");
    expect(runs).toEqual([
      "nl: De bibliotheek is maandag gesloten voor onderhoud aan de verwarming.",
      "en: Please note that the library on Station Road is closed on Monday for repairs.",
      "nl: Tot ziens!",
    ]);
  });

  it("writes phonemes only from the lexicon: a post's own [[…]] is spoken as text", async () => {
    const lexicon = lexiconOf({ en: [{ word: "Wellington", phonemes: "w'El1INt@n" }] });
    expect(await runsOf("Roads to Wellington reopen. [[h@l'oU]]", "en", lexicon)).toEqual(["en: Roads to [[w'El1INt@n]] reopen. [ [h@l'oU] ]"]);
  });

  it("changes the phonemes espeak-ng is given, and the audio, when an entry is added; other posts' audio stays", async () => {
    const without = await planSpeech(announcement, engine, "UTC", lexiconOf({}));
    const withEntry = await planSpeech(announcement, engine, "UTC", lexiconOf({ en: [{ word: "Wellington", phonemes: "w'El1INt@n" }] }));
    const other = { ...announcement, text: "The road to Hamilton is closed.", html: "<p>The road to Hamilton is closed.</p>" };
    if (without.kind !== "server" || withEntry.kind !== "server") throw new Error("expected server speech");
    const given = (plan: typeof without) => plan.paragraphs.flat().map((run) => run.text).join("\n");
    expect(given(without)).toContain("The road to Wellington is closed.");
    expect(given(withEntry)).toContain("The road to [[w'El1INt@n]] is closed.");
    expect(withEntry.hash).not.toBe(without.hash);
    const otherWithout = await planSpeech(other, engine, "UTC", lexiconOf({}));
    const otherWith = await planSpeech(other, engine, "UTC", lexiconOf({ en: [{ word: "Wellington", phonemes: "w'El1INt@n" }] }));
    expect(otherWith.kind === "server" && otherWith.hash).toBe(otherWithout.kind === "server" && otherWithout.hash);
    // espeak-ng reads [[…]] as phonemes: as long as the word, far shorter than spelling the brackets out.
    const [voice] = await engine.voicesFor("en");
    const word = (await engine.synthesize([{ text: "Wellington", voice: voice! }])).samples.length;
    const phonemes = (await engine.synthesize([{ text: "[[w'El1INt@n]]", voice: voice! }])).samples.length;
    expect(phonemes).toBeLessThan(word * 1.5);
    expect(phonemes).toBeGreaterThan(word * 0.6);
  });
});

describe("the espeak-ng engine", () => {
  it("speaks English at the same speed after a Māori post as before it (espeak-ng keeps a voice's settings after set_voice)", async () => {
    const [english] = await engine.voicesFor("en");
    const [maori] = await engine.voicesFor("mi");
    const sentence = [{ text: "The ferry leaves from the main wharf at nine every morning this week.", voice: english! }];
    const before = (await engine.synthesize(sentence)).samples.length;
    await engine.synthesize([{ text: "Ka katia te huarahi matua i Whangārei mō te rā katoa ā te Rātū.", voice: maori! }]);
    const after = (await engine.synthesize(sentence)).samples.length;
    expect(Math.abs(after - before) / before).toBeLessThan(0.03);
  });
});

describe("lexicon entries an operator sends", () => {
  it("are checked, with a sentence for each mistake", () => {
    expect(parseLexicon({ entries: [{ word: "Whangarei", respelling: "Whangārei", language: "mi" }, { word: "Te Papa", phonemes: "te p'apa" }] })).toEqual({
      entries: [{ word: "Whangarei", respelling: "Whangārei", language: "mi" }, { word: "Te Papa", phonemes: "te p'apa" }],
    });
    for (const [body, complaint] of [
      [{}, /Send/],
      [{ entries: [{ word: "" , respelling: "x" }] }, /"word"/],
      [{ entries: [{ word: "a b c d e", respelling: "x" }] }, /more than 4 words/],
      [{ entries: [{ word: "Auckland" }] }, /give "respelling"/],
      [{ entries: [{ word: "Auckland", phonemes: "]] <break time='9s'/> [[" }] }, /"phonemes"/],
      [{ entries: [{ word: "Auckland", respelling: "<b>" }] }, /"respelling"/],
      [{ entries: [{ word: "Auckland", language: "not a tag!" }] }, /"language"/],
      [{ entries: [{ word: "Taupo", language: "mi" }, { word: "taupo", language: "mi" }] }, /twice/],
    ] as const) {
      const result = parseLexicon(body);
      expect("error" in result && result.error, JSON.stringify(body)).toMatch(complaint);
    }
  });
});
