import { describe, expect, it } from "vitest";
import { parseByteRange } from "@/lib/http/byte-range";
import { renderPodcastFeed } from "@/lib/feeds/podcast";

describe("parseByteRange", () => {
  it.each([
    [null, null],
    ["bytes=0-99", { start: 0, end: 99 }],
    ["bytes=100-", { start: 100, end: 999 }],
    ["bytes=-100", { start: 900, end: 999 }],
    ["bytes=900-5000", { start: 900, end: 999 }],
    ["bytes=1000-", "unsatisfiable"],
    ["bytes=5-2", "unsatisfiable"],
    ["bytes=0-1,5-6", null],
    ["items=0-1", null],
  ] as const)("%s", (header, expected) => {
    expect(parseByteRange(header, 1000)).toEqual(expected);
  });
});

describe("renderPodcastFeed", () => {
  it("has the channel and item fields podcast apps check, escaped", () => {
    const xml = renderPodcastFeed({
      publicUrl: "https://crier.example",
      episodes: [{
        size: 96000, kbps: 64,
        announcement: {
          id: "abc", uri: "https://council.example/1", url: null,
          account: { handle: "@news@council.example", name: "News & <Views>", uri: "", url: null, avatarUrl: null, official: false },
          published: "2026-11-20T09:00:00.000Z", updated: null, language: "en", summary: null, sensitive: false, html: "",
          text: "Bins & boxes", attachments: [], tags: [], visibility: "public", priority: "normal",
        },
      }],
    });
    for (const tag of ["<title>", "<link>", "<description>", "<language>en</language>", "<itunes:author>", "<itunes:category text=\"Government\"/>", "<itunes:explicit>false</itunes:explicit>", 'rel="self"']) {
      expect(xml).toContain(tag);
    }
    expect(xml).toContain('<enclosure url="https://crier.example/api/announcements/abc/audio.mp3" length="96000" type="audio/mpeg"/>');
    expect(xml).toContain("<guid isPermaLink=\"false\">https://council.example/1</guid>");
    expect(xml).toContain("<pubDate>Fri, 20 Nov 2026 09:00:00 GMT</pubDate>");
    expect(xml).toContain("<itunes:duration>00:00:12</itunes:duration>");
    expect(xml).toContain("News &amp; &lt;Views&gt;: Bins &amp; boxes");
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
  });
});
