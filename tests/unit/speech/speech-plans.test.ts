import { describe, expect, it } from "vitest";
import type { Announcement } from "@/lib/announcements/types";
import { getSpeechPlanKey } from "@/lib/speech/speech-plans";

const announcement: Announcement = {
  id: "a1", uri: "https://council.example/1", url: null,
  account: { handle: "@news@council.example", name: "City News", uri: "https://council.example/users/news", url: null, avatarUrl: null, official: true },
  published: "2026-11-20T09:00:00.000Z", updated: null, language: "en", summary: null, sensitive: false,
  html: "<p>Bins on Friday.</p>", text: "Bins on Friday.", attachments: [], tags: [], visibility: "public", priority: "normal",
};

describe("speech plan keys", () => {
  it("stay the same for the same version and change with anything that is read aloud", () => {
    const key = getSpeechPlanKey(announcement, "espeak", "UTC");
    expect(getSpeechPlanKey({ ...announcement }, "espeak", "UTC")).toBe(key);
    expect(getSpeechPlanKey({ ...announcement, priority: "emergency" }, "espeak", "UTC")).toBe(key); // not spoken
    for (const changed of [
      { ...announcement, text: "Bins on Saturday." },
      { ...announcement, updated: "2026-11-21T09:00:00.000Z" },
      { ...announcement, summary: "Bins" },
      { ...announcement, language: "nl" },
      { ...announcement, account: { ...announcement.account, name: "Town News" } },
      { ...announcement, attachments: [{ url: "https://council.example/a.png", mediaType: "image/png", alt: "A bin", width: null, height: null }] },
    ]) expect(getSpeechPlanKey(changed, "espeak", "UTC")).not.toBe(key);
    expect(getSpeechPlanKey(announcement, "espeak", "Pacific/Auckland")).not.toBe(key);
    expect(getSpeechPlanKey({ ...announcement, id: "a2" }, "espeak", "UTC")).not.toBe(key);
  });
});
