import { describe, expect, it } from "vitest";
import { escapeHtml, readHttpUrl, readIsoDate, truncateText } from "@/lib/announcements/as-values";
import { convertObject } from "@/lib/announcements/convert-object";
import { htmlToText } from "@/lib/announcements/html-to-text";
import { guessLanguageFromScript, normalizeLanguageTag, pickFromContentMap } from "@/lib/announcements/language";
import { buildPostBody } from "@/lib/announcements/post-body";
import { dropForeignPrivateLinks, isPrivateHostUrl } from "@/lib/announcements/private-links";
import { sanitizeHtml } from "@/lib/announcements/sanitize-html";
import type { Announcement } from "@/lib/announcements/types";
import { buildRssFeed } from "@/lib/feeds/rss";
import { escapeXml } from "@/lib/feeds/xml";
import { dropUnknownEmoji, hasEmoji } from "@/lib/render/emoji";
import { isRightToLeft, toSlideContent } from "@/lib/render/slide-content";
import { countWords, getSlideDuration } from "@/lib/signage/durations";
import { isExcludedOn, normaliseHandle, normaliseHashtag } from "@/lib/signage/screen-match";
import { nameMentions } from "@/lib/announcements/mentions";
import { normaliseForListening, splitIntoWords } from "@/lib/speech/normalise-text";
import { getStarterLexicon } from "@/lib/speech/lexicon-starter";
import { buildSpeechScript } from "@/lib/speech/script";
import { splitIntoWordRuns } from "@/lib/speech/speech-runs";
import { createRandom } from "../helpers/seeded-random";
import { FUZZ_SHAPES } from "./text-fuzz-inputs";

// Anyone on the internet can post text that reaches these functions (docs/architecture.md: text
// processing is linear in its input). A backtracking regex shows up as time that grows
// with the square of the input: 10× the text costing ~100× the time. We compare each
// function on 4,000 and 40,000 characters of every adversarial shape and allow 30×.
// Against noise on a loaded machine: time is this process's CPU time (not wall time),
// each size takes the fastest of several runs, a slow large run is retried, and anything
// under an absolute floor passes (a quadratic function on 40,000 characters costs whole
// seconds, far above it).

const SEED = 11;
const SMALL = 4_000;
const LARGE = 40_000;
const MAX_RATIO = 30;
const FLOOR_MS = 150;
const ATTEMPTS = 3;

function makeAnnouncement(text: string): Announcement {
  return {
    id: "a1", uri: "https://council.example/1", url: text.slice(0, 2000),
    account: { handle: "@news@council.example", name: text, uri: "https://council.example/users/news", url: null, avatarUrl: null, official: true },
    published: "2026-11-20T09:00:00.000Z", updated: null, language: "en", summary: text, sensitive: false,
    html: `<p>${text}</p>`, text, attachments: [{ url: `https://council.example/${text}.png`, mediaType: null, alt: text, width: null, height: null }],
    tags: [], visibility: "public", priority: "normal",
  };
}

/** Every exported function that reads remote text, called the way lib/ calls it. */
const TARGETS: { name: string; run: (text: string) => unknown }[] = [
  { name: "normaliseForListening", run: (text) => normaliseForListening(text, "en") },
  { name: "splitIntoWords", run: splitIntoWords },
  { name: "buildSpeechScript", run: (text) => buildSpeechScript(makeAnnouncement(text)) },
  { name: "splitIntoWordRuns (lexicon and te reo Māori words)", run: (text) => splitIntoWordRuns(text, "en", getStarterLexicon("en"), new Set(["mi"])) },
  { name: "htmlToText", run: htmlToText },
  { name: "sanitizeHtml", run: sanitizeHtml },
  { name: "buildPostBody", run: (text) => buildPostBody({ object: { content: text, summary: text }, type: "Note", language: "en", objectUrl: null, pageLinks: [text], maxTextLength: 20_000 }) },
  { name: "convertObject (plain-text content)", run: (text) => convertObject({ id: "https://council.example/1", type: "Note", attributedTo: "https://council.example/u", content: text, summary: text, to: ["https://www.w3.org/ns/activitystreams#Public"], tag: [{ type: "Hashtag", name: text.slice(0, 5000) }], url: text }) },
  { name: "guessLanguageFromScript", run: guessLanguageFromScript },
  { name: "normalizeLanguageTag", run: normalizeLanguageTag },
  { name: "pickFromContentMap", run: (text) => pickFromContentMap({ en: text, [text.slice(0, 300)]: text }, text) },
  { name: "isPrivateHostUrl", run: isPrivateHostUrl },
  { name: "dropForeignPrivateLinks", run: (text) => dropForeignPrivateLinks({ ...makeAnnouncement(text), url: text } as never, "https://council.example/u") },
  { name: "readHttpUrl / readIsoDate", run: (text) => [readHttpUrl(text), readIsoDate(text)] },
  { name: "truncateText / escapeHtml / escapeXml", run: (text) => [truncateText(text, 20_000), escapeHtml(text), escapeXml(text)] },
  { name: "slide content", run: (text) => { const content = toSlideContent(makeAnnouncement(text), "https://crier.example"); return [isRightToLeft(content), dropUnknownEmoji(text), hasEmoji(text)]; } },
  { name: "signage durations and matching", run: (text) => [countWords(text), getSlideDuration(makeAnnouncement(text)), normaliseHandle(text), normaliseHashtag(text)] },
  { name: "mentions as names, screen exclusions", run: (text) => [
    nameMentions({ ...makeAnnouncement(text), authorUri: null, objectType: "Note", inReplyTo: null, mentions: [{ uri: "https://social.example/users/jane", name: "@jane@social.example" }] }, new Map([["https://social.example/users/jane", "Jane"]])),
    isExcludedOn(makeAnnouncement(text), { accounts: [], hashtags: [], emergencyAccounts: [], emergencyHashtags: [], emergencyMinutes: 1, excludeWords: ["bin day", text.slice(0, 40)], excludeContentWarnings: false }),
  ] },
  { name: "RSS feed", run: (text) => buildRssFeed({ title: text, description: text, pageUrl: "https://crier.example/", selfUrl: "https://crier.example/feed.xml", language: "en", items: [makeAnnouncement(text)] }, "https://crier.example") },
];

/** CPU milliseconds of one run: time this process was descheduled for other work on the machine does not count. */
function timeOnce(run: (text: string) => unknown, text: string): number {
  const started = process.cpuUsage();
  run(text);
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** Fastest of `count` runs: the least disturbed by other work on the machine. */
function timeFastest(run: (text: string) => unknown, text: string, count: number): number {
  let best = Infinity;
  for (let i = 0; i < count; i++) best = Math.min(best, timeOnce(run, text));
  return best;
}

/** Whether the large input costs at most MAX_RATIO × the small one (or under the floor), on any of a few attempts. */
function measureGrowth(run: (text: string) => unknown, small: string, large: string): { isLinear: boolean; smallMs: number; largeMs: number } {
  run(small); // warm up: compile, JIT
  let smallMs = 0;
  let largeMs = 0;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    smallMs = timeFastest(run, small, 5);
    largeMs = timeFastest(run, large, 2);
    if (largeMs <= Math.max(FLOOR_MS, smallMs * MAX_RATIO)) return { isLinear: true, smallMs, largeMs };
  }
  return { isLinear: false, smallMs, largeMs };
}

describe("text processing is linear in its input (seeded fuzzer)", () => {
  it.each(TARGETS)("$name", ({ run }) => {
    const slow: string[] = [];
    FUZZ_SHAPES.forEach((shape, index) => {
      const small = shape.make(SMALL, createRandom(SEED + index));
      const large = shape.make(LARGE, createRandom(SEED + index));
      const { isLinear, smallMs, largeMs } = measureGrowth(run, small, large);
      if (!isLinear) slow.push(`${shape.name}: ${smallMs.toFixed(1)} ms for ${SMALL} chars, ${largeMs.toFixed(1)} ms for ${LARGE}`);
    });
    expect(slow).toEqual([]);
  }, 120_000);
});
