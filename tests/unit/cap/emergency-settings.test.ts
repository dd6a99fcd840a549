import { describe, expect, it } from "vitest";
import { parseEntry } from "../../../lib/admin/emergency-lists";
import { readPriority, withStoredLists } from "../../../lib/announcements/global-emergency";
import { parseEnv } from "../../../lib/env";
import { isEmergencyActive } from "../../../lib/signage/screen-match";

describe("global emergencies and CAP settings", () => {
  it("defaults: no global emergencies, CAP sender is the host of PUBLIC_URL, no area", () => {
    const env = parseEnv({ PUBLIC_URL: "https://crier.council.example:8443" });
    expect(env.emergencyAccounts).toEqual([]);
    expect(env.emergencyHashtags).toEqual([]);
    expect(env.cap).toMatchObject({ sender: "crier.council.example:8443", areaDesc: null, polygon: null, category: "Safety", urgency: "Immediate", severity: "Severe", certainty: "Observed", alertMinutes: 720, pollSeconds: 60 });
  });

  it("normalises the lists as screens do", () => {
    const env = parseEnv({ EMERGENCY_ACCOUNTS: "Alerts@Council.Example, @civil@defence.example", EMERGENCY_HASHTAGS: "#Flood,evacuate", CAP_SEVERITY: "extreme" });
    expect(env.emergencyAccounts).toEqual(["@alerts@council.example", "@civil@defence.example"]);
    expect(env.emergencyHashtags).toEqual(["flood", "evacuate"]);
    expect(env.cap.severity).toBe("Extreme");
  });

  it.each([
    [{ EMERGENCY_ACCOUNTS: "alerts" }, 'EMERGENCY_ACCOUNTS must be a comma list like @alerts@council.example,@civil@defence.example, and "@alerts" is not one.'],
    [{ EMERGENCY_HASHTAGS: "bin day" }, "EMERGENCY_HASHTAGS must be a comma list"],
    [{ CAP_SEVERITY: "Catastrophic" }, 'CAP_SEVERITY must be one of Unknown, Minor, Moderate, Severe, Extreme, not "Catastrophic".'],
    [{ CAP_SENDER: "two words" }, "CAP_SENDER must be one word"],
    [{ CAP_POLYGON: "1,2 3,4 5,6 7,8" }, "CAP_POLYGON must be"],
    [{ CAP_POLL_SECONDS: "0" }, "CAP_POLL_SECONDS must be a whole number from 1 to 86400"],
  ])("refuses %o with one sentence", (source, message) => {
    expect(() => parseEnv(source)).toThrow(message);
  });

  it.each([
    ["normal", "@news@council.example", ["BinDay"], "normal"],
    ["normal", "@Alerts@Council.example", [], "emergency"],
    ["normal", "@news@council.example", ["FLOOD"], "emergency"],
    ["emergency", "@news@council.example", [], "emergency"],
  ] as const)("stored %s by %s tagged %o reads as %s", (stored, handle, tags, expected) => {
    const lists = { emergencyAccounts: ["@alerts@council.example"], emergencyHashtags: ["flood"] };
    expect(readPriority(stored, handle, [...tags], lists)).toBe(expected);
  });

  it("the lists in effect are the settings' and the stored ones together", () => {
    const settings = { emergencyAccounts: ["@alerts@council.example"], emergencyHashtags: [] };
    const lists = withStoredLists({ accounts: ["@civil@defence.example"], hashtags: ["flood"] }, settings);
    expect(readPriority("normal", "@alerts@council.example", [], lists)).toBe("emergency");
    expect(readPriority("normal", "@Civil@Defence.example", [], lists)).toBe("emergency");
    expect(readPriority("normal", "@news@council.example", ["Flood"], lists)).toBe("emergency");
    expect(readPriority("normal", "@news@council.example", ["BinDay"], lists)).toBe("normal");
    expect(withStoredLists({ accounts: [], hashtags: [] }, settings)).toBe(settings);
  });

  it.each([
    ["account", " @Alerts@Council.Example ", "@alerts@council.example"],
    ["account", "civil@defence.example:8443", "@civil@defence.example:8443"],
    ["hashtag", "#Überschwemmung", "überschwemmung"],
    ["hashtag", "road_works", "road_works"],
  ] as const)("an operator's %s %j is kept as %j", (kind, input, value) => {
    expect(parseEntry(kind, input)).toEqual({ kind, value });
  });

  it.each([
    ["account", "alerts", '"alerts" is not an account handle: write it as @name@server, like @alerts@council.example.'],
    ["account", "@alerts@council.example @other@x", "is not an account handle"],
    ["account", "<script>@x</script>@y", "is not an account handle"],
    ["account", "https://council.example/@alerts", "is not an account handle"],
    ["account", 42, '"" is not an account handle'],
    ["hashtag", "bin day", '"bin day" is not a hashtag: letters, digits and _ only (at most 100), like #Flood.'],
    ["hashtag", "#", "is not a hashtag"],
    ["hashtag", "x".repeat(101), "…\" is not a hashtag"],
  ] as const)("refuses the %s %j with a sentence", (kind, input, message) => {
    expect(() => parseEntry(kind, input)).toThrow(message);
  });

  it("a global emergency takes over a screen with no emergency lists, for the screen's minutes", () => {
    const screen = { accounts: [], hashtags: [], emergencyAccounts: [], emergencyHashtags: [], emergencyMinutes: 10 };
    const announcement = { account: { handle: "@news@council.example" }, tags: [], published: "2026-01-01T00:00:00Z", updated: null, priority: "emergency" };
    expect(isEmergencyActive(announcement, screen, Date.parse("2026-01-01T00:09:00Z"))).toBe(true);
    expect(isEmergencyActive(announcement, screen, Date.parse("2026-01-01T00:11:00Z"))).toBe(false);
    expect(isEmergencyActive({ ...announcement, priority: "normal" }, screen, Date.parse("2026-01-01T00:09:00Z"))).toBe(false);
  });
});
