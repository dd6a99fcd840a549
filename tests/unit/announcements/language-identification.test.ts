import { describe, expect, it } from "vitest";
import { decideLanguage, identifyLanguage, isLongEnoughToIdentify } from "@/lib/announcements/language-identification";
import { getSpeechEngine } from "@/lib/speech/espeak-engine";
import { MIXED_POSTS, SINGLE_LANGUAGE_POSTS } from "../../fixtures/language-posts";

const base = (tag: string) => tag.split("-")[0]!.toLowerCase();
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

describe("language identification (tests/fixtures/language-posts.ts)", () => {
  it("gives at least 95 % of single-language posts of 10 words or more the voice of the language they are written in, whatever their tag", async () => {
    const engine = getSpeechEngine();
    const long = SINGLE_LANGUAGE_POSTS.filter((post) => words(post.text) >= 10 || post.expected === "ja");
    const wrong: string[] = [];
    let misTagged = 0;
    let misTaggedFixed = 0;
    for (const post of long) {
      const decided = await decideLanguage({ declared: post.tag, accountLanguage: null, text: post.text });
      // Japanese with kanji goes to the listener's own voice, in the decided language.
      const [voice] = await engine.voicesFor(decided);
      const spokenIn = post.expected === "ja" ? base(decided) : voice ? base(voice.language) : "none";
      if (spokenIn !== post.expected) wrong.push(`${post.expected} (tagged ${post.tag}) → ${decided}: ${post.text.slice(0, 40)}…`);
      if (post.tag !== null && base(post.tag) !== post.expected) {
        misTagged++;
        if (base(decided) === post.expected) misTaggedFixed++;
      }
    }
    const accuracy = (long.length - wrong.length) / long.length;
    console.log(`[language] ${long.length - wrong.length} of ${long.length} single-language posts get the right voice (${(accuracy * 100).toFixed(1)} %); ${misTaggedFixed} of ${misTagged} mis-tagged posts corrected${wrong.length ? `; wrong: ${wrong.join(" | ")}` : ""}`);
    expect(long.length).toBeGreaterThanOrEqual(50);
    expect(misTagged).toBeGreaterThanOrEqual(12);
    expect(accuracy).toBeGreaterThanOrEqual(0.95);
    expect(misTaggedFixed / misTagged).toBeGreaterThanOrEqual(0.9);
  });

  it("keeps English posts with te reo Māori words in them English", async () => {
    for (const post of MIXED_POSTS) {
      expect(base(await decideLanguage({ declared: post.tag, accountLanguage: null, text: post.text })), post.text).toBe("en");
    }
  });

  it("never overrides a tag on a few words, and keeps the tag's region when the languages agree", async () => {
    expect(isLongEnoughToIdentify("Bibliotheek maandag dicht")).toBe(false);
    expect(await decideLanguage({ declared: "en", accountLanguage: null, text: "Bibliotheek maandag dicht" })).toBe("en");
    const english = SINGLE_LANGUAGE_POSTS.find((post) => post.expected === "en")!.text;
    expect(await decideLanguage({ declared: "en-NZ", accountLanguage: null, text: english })).toBe("en-NZ");
    // The operator's setting for the account counts as the tag when a post has none.
    expect(await decideLanguage({ declared: null, accountLanguage: "nl", text: english })).toBe("en");
    expect(await decideLanguage({ declared: null, accountLanguage: "nl", text: "Tot morgen!" })).toBe("nl");
    expect(await decideLanguage({ declared: null, accountLanguage: null, text: "🎉 2026" })).toBe("und");
  });

  it("reads Hawaiian-looking text with Māori letters as te reo Māori", async () => {
    const maori = "Mēnā he pātai tā koutou mō ngā rēti, me whakapā mai ki te tari o te kaunihera, ka āwhina mātou i a koutou.";
    expect((await identifyLanguage(maori))?.language).toBe("mi");
  });
});
