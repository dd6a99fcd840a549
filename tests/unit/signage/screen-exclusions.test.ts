import { describe, expect, it } from "vitest";
import type { Announcement } from "../../../lib/announcements/types";
import { applyScreenEvent } from "../../../lib/signage/live-update";
import { parseScreenConfig, ScreenConfigError } from "../../../lib/signage/screen-config";
import { isShownOn } from "../../../lib/signage/screen-match";

// Per-screen exclusions and approval, as the feed and the live page both apply them.

const NOW = Date.parse("2026-11-22T10:00:00Z");

function announcement(id: string, text: string, extra: Partial<Announcement> = {}): Announcement {
  return {
    id, uri: `https://council.example/notes/${id}`, url: null,
    account: { handle: "@news@council.example", name: "News", uri: "", url: null, avatarUrl: null, official: false },
    published: new Date(NOW - Number(id.replace(/\D/g, "") || 1) * 60_000).toISOString(), updated: null, language: "en",
    summary: null, sensitive: false, html: "", text, attachments: [], tags: [], visibility: "public", priority: "normal", ...extra,
  };
}

describe("screen exclusions", () => {
  const screen = parseScreenConfig("lobby", { excludeHashtags: "#Politics", excludeWords: "bin day, strike", excludeContentWarnings: "true" });

  it("parses the form's text and the API's arrays, and explains a bad value", () => {
    expect(screen).toMatchObject({ excludeHashtags: ["politics"], excludeWords: ["bin day", "strike"], excludeContentWarnings: true });
    expect(parseScreenConfig("lobby", { approval: true }, screen)).toMatchObject({ approval: true, excludeWords: ["bin day", "strike"] });
    expect(() => parseScreenConfig("lobby", { approval: "maybe" })).toThrow(ScreenConfigError);
  });

  it("keeps off a screen posts with an excluded hashtag, whole word or phrase, or a content warning", () => {
    expect(isShownOn(announcement("a1", "Council meeting tonight", { tags: ["POLITICS"] }), screen)).toBe(false);
    expect(isShownOn(announcement("a2", "Bin Day moves to Friday."), screen)).toBe(false);
    expect(isShownOn(announcement("a3", "Strike! Buses stop."), screen)).toBe(false);
    expect(isShownOn(announcement("a4", "Photos of the fair", { summary: "Flashing images" }), screen)).toBe(false);
    // Whole words only: "strikes" and "binday" are other words.
    expect(isShownOn(announcement("a5", "Bowling strikes and a binday party"), screen)).toBe(true);
  });
});

describe("live updates on a screen", () => {
  it("never adds a new post to a screen that waits for approval, but keeps an approved one current", () => {
    const screen = parseScreenConfig("lobby", { approval: true });
    const approved = announcement("b2", "Approved");
    const shown = [approved];
    expect(applyScreenEvent(shown, { type: "announcement.created", announcement: announcement("b1", "New") }, screen, NOW)).toBe(shown);
    const edited = applyScreenEvent(shown, { type: "announcement.updated", announcement: { ...approved, text: "Approved, edited" } }, screen, NOW);
    expect(edited.map((item) => item.text)).toEqual(["Approved, edited"]);
  });

  it("keeps pinned posts first when others arrive", () => {
    const screen = parseScreenConfig("default", {});
    const pinned = { ...announcement("c9", "Old but pinned"), pinned: true as const };
    const next = applyScreenEvent([pinned], { type: "announcement.created", announcement: announcement("c1", "Newest") }, screen, NOW);
    expect(next.map((item) => item.text)).toEqual(["Old but pinned", "Newest"]);
  });
});
