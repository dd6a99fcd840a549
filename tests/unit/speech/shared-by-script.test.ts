import { describe, expect, it } from "vitest";
import type { Announcement } from "../../../lib/announcements/types";
import { buildSpeechScript } from "../../../lib/speech/script";
import { getSpeechPlanKey } from "../../../lib/speech/speech-plans";

const announcement: Announcement = {
  id: "a1", uri: "https://fire.example/notes/1", url: null,
  account: { handle: "@service@fire.example", name: "County Fire Service", uri: "https://fire.example/users/service", url: null, avatarUrl: null, official: false },
  published: "2026-11-20T09:00:00.000Z", updated: null, language: "en", summary: null, sensitive: false,
  html: "<p>Leave the area now.</p>", text: "Leave the area now.", attachments: [], tags: [], visibility: "public", priority: "normal",
};

describe("a boost read aloud", () => {
  it("names its author first, then who shared it, and its audio is a different file from the unshared post's", () => {
    const shared = { ...announcement, sharedBy: { name: "Demo City Council", handle: "@council@council.example" } };
    const { paragraphs } = buildSpeechScript(shared);
    expect(paragraphs[0]).toMatch(/^County Fire Service, posted on /);
    expect(paragraphs[1]).toBe("Shared by Demo City Council.");
    expect(buildSpeechScript(announcement).paragraphs).not.toContain("Shared by Demo City Council.");
    expect(getSpeechPlanKey(shared, "espeak", "UTC")).not.toBe(getSpeechPlanKey(announcement, "espeak", "UTC"));
  });
});
