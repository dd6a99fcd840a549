import { describe, expect, it } from "vitest";
import { readPriority } from "../../../lib/announcements/global-emergency";
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

  it("a global emergency takes over a screen with no emergency lists, for the screen's minutes", () => {
    const screen = { accounts: [], hashtags: [], emergencyAccounts: [], emergencyHashtags: [], emergencyMinutes: 10 };
    const announcement = { account: { handle: "@news@council.example" }, tags: [], published: "2026-01-01T00:00:00Z", updated: null, priority: "emergency" };
    expect(isEmergencyActive(announcement, screen, Date.parse("2026-01-01T00:09:00Z"))).toBe(true);
    expect(isEmergencyActive(announcement, screen, Date.parse("2026-01-01T00:11:00Z"))).toBe(false);
    expect(isEmergencyActive({ ...announcement, priority: "normal" }, screen, Date.parse("2026-01-01T00:09:00Z"))).toBe(false);
  });
});
