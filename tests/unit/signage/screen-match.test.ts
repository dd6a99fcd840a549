import { describe, expect, it } from "vitest";
import type { Announcement } from "../../../lib/announcements/types";
import { applyScreenEvent, getActiveEmergencies } from "../../../lib/signage/live-update";
import { getDefaultScreenConfig, parseScreenConfig, ScreenConfigError } from "../../../lib/signage/screen-config";
import { isEmergencyActive, isShownOn } from "../../../lib/signage/screen-match";

const NOW = Date.parse("2026-11-22T10:00:00Z");

function announcement(id: string, handle: string, tags: string[], minutesAgo = 5): Announcement {
  const published = new Date(NOW - minutesAgo * 60_000).toISOString();
  return {
    id, uri: `https://council.example/notes/${id}`, url: null,
    account: { handle, name: handle, uri: "", url: null, avatarUrl: null, official: false },
    published, updated: null, language: "en", summary: null, sensitive: false, html: "", text: `Post ${id}`,
    attachments: [], tags, visibility: "public", priority: "normal",
  };
}

const lobby = parseScreenConfig("lobby", { accounts: "@News@Council.Example", hashtags: "#Roads, bins", emergencyHashtags: ["#Flood"], emergencyAccounts: ["@alerts@council.example"], emergencyMinutes: 30 });

describe("screen matching", () => {
  it("normalises lists from the form and the API", () => {
    expect(lobby).toMatchObject({ accounts: ["@news@council.example"], hashtags: ["roads", "bins"], emergencyHashtags: ["flood"], emergencyMinutes: 30 });
  });

  it("shows everything on a screen with no lists, otherwise what an account or hashtag matches", () => {
    expect(isShownOn(announcement("a", "@x@elsewhere.example", []), getDefaultScreenConfig("default"))).toBe(true);
    expect(isShownOn(announcement("a", "@news@council.example", []), lobby)).toBe(true);
    expect(isShownOn(announcement("b", "@x@elsewhere.example", ["ROADS"]), lobby)).toBe(true);
    expect(isShownOn(announcement("c", "@x@elsewhere.example", ["parks"]), lobby)).toBe(false);
  });

  it("makes an emergency of a listed account or hashtag, until it expires", () => {
    expect(isEmergencyActive(announcement("d", "@x@elsewhere.example", ["Flood"], 29), lobby, NOW)).toBe(true);
    expect(isEmergencyActive(announcement("e", "@alerts@council.example", [], 1), lobby, NOW)).toBe(true);
    expect(isEmergencyActive(announcement("f", "@x@elsewhere.example", ["Flood"], 31), lobby, NOW)).toBe(false);
    expect(isEmergencyActive(announcement("g", "@news@council.example", ["roads"], 1), lobby, NOW)).toBe(false);
  });

  it("applies live events: created (with this screen's priority), edited out of the lists, deleted", () => {
    let items: Announcement[] = [];
    items = applyScreenEvent(items, { type: "announcement.created", announcement: announcement("1", "@news@council.example", []) }, lobby, NOW);
    items = applyScreenEvent(items, { type: "announcement.created", announcement: announcement("2", "@x@elsewhere.example", ["flood"], 1) }, lobby, NOW);
    items = applyScreenEvent(items, { type: "announcement.created", announcement: announcement("3", "@x@elsewhere.example", ["parks"]) }, lobby, NOW);
    expect(items.map((item) => [item.id, item.priority])).toEqual([["2", "emergency"], ["1", "normal"]]);
    expect(getActiveEmergencies(items, lobby, NOW).map((item) => item.id)).toEqual(["2"]);
    expect(getActiveEmergencies(items, lobby, NOW + 30 * 60_000)).toEqual([]);
    items = applyScreenEvent(items, { type: "announcement.updated", announcement: { ...announcement("1", "@news@council.example", []), text: "Edited" } }, lobby, NOW);
    expect(items.find((item) => item.id === "1")?.text).toBe("Edited");
    items = applyScreenEvent(items, { type: "announcement.updated", announcement: announcement("2", "@x@elsewhere.example", ["parks"]) }, lobby, NOW);
    expect(items.map((item) => item.id)).toEqual(["1"]);
    items = applyScreenEvent(items, { type: "announcement.deleted", id: "1" }, lobby, NOW);
    expect(items).toEqual([]);
  });

  it("refuses bad settings with a message naming the field", () => {
    expect(() => parseScreenConfig("Lobby!", {})).toThrow(ScreenConfigError);
    expect(() => parseScreenConfig("lobby", { accounts: "news" })).toThrow(/accounts/);
    expect(() => parseScreenConfig("lobby", { openingHours: "weekdays" })).toThrow(/openingHours/);
    expect(() => parseScreenConfig("lobby", { timeZone: "Mars/Olympus" })).toThrow(/timeZone/);
    expect(() => parseScreenConfig("lobby", { slideSeconds: 1 })).toThrow(/slideSeconds/);
    expect(() => parseScreenConfig("default", { hashtags: ["roads"] })).toThrow(/default/);
    expect(parseScreenConfig("lobby", { slideSeconds: "" }).slideSeconds).toBeNull();
  });

  it("starts screens in the council's time zone, and keeps a zone when the form's field is left empty", () => {
    expect(getDefaultScreenConfig("lobby", "Europe/London").timeZone).toBe("Europe/London");
    const london = parseScreenConfig("lobby", {}, getDefaultScreenConfig("lobby", "Europe/London"));
    expect(parseScreenConfig("lobby", { timeZone: "" }, london).timeZone).toBe("Europe/London");
    expect(parseScreenConfig("lobby", { timeZone: "  " }, london).timeZone).toBe("Europe/London");
    expect(parseScreenConfig("lobby", { timeZone: "Pacific/Auckland" }, london).timeZone).toBe("Pacific/Auckland");
  });
});
