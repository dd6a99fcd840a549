import { describe, expect, it } from "vitest";
import { formatMessage, selectLocale } from "@/lib/i18n";
import { describeTimes, formatDateInWords } from "@/lib/i18n/dates";
import { en } from "@/lib/i18n/en";
import { ja } from "@/lib/i18n/ja";
import { mi } from "@/lib/i18n/mi";
import { nl } from "@/lib/i18n/nl";

describe("selectLocale", () => {
  it.each([
    [null, undefined, "en"],
    ["", undefined, "en"],
    ["nl-BE,nl;q=0.9,en;q=0.8", undefined, "nl"],
    ["es-ES,fr;q=0.5", undefined, "fr"],
    ["en;q=0.3, de;q=0.8", undefined, "de"],
    ["mi-NZ, en-NZ;q=0.9", undefined, "mi"],
    ["ja", undefined, "ja"],
    ["zh-CN, *;q=0.1", undefined, "en"],
    ["fr;q=0, de", undefined, "de"],
    ["fr;q=bogus, nl", undefined, "nl"],
    ["de", "ja", "ja"],
    ["de", "xx", "de"],
  ])("Accept-Language %j with saved %j gives %s", (header, saved, expected) => {
    expect(selectLocale(header, saved)).toBe(expected);
  });
});

describe("messages", () => {
  it("have every key filled in every language", async () => {
    const all = await Promise.all(["en", "nl", "fr", "de", "ja", "mi"].map(async (locale) => (await import(`@/lib/i18n/${locale}`))[locale]));
    for (const messages of all) {
      for (const key of Object.keys(en)) expect(String(messages[key]).length, key).toBeGreaterThan(0);
    }
  });

  it("fills placeholders and leaves unknown ones alone", () => {
    expect(formatMessage(nl.accountTitle, { name: "Gemeente" })).toBe("Mededelingen van Gemeente");
    expect(formatMessage("{count} {missing}", { count: 3 })).toBe("3 {missing}");
  });
});

describe("formatDateInWords", () => {
  const now = new Date("2026-03-10T15:00:00Z");
  it("writes the date out in the reader's language, in UTC", () => {
    expect(formatDateInWords("2026-03-01T09:05:00Z", "en", en, now)).toBe("Sunday, 1 March 2026 at 09:05 UTC");
    expect(formatDateInWords("2026-03-01T09:05:00Z", "ja", ja, now)).toContain("2026年3月1日日曜日");
    expect(formatDateInWords("2026-03-01T09:05:00Z", "mi", mi, now)).toContain("Rātapu, 1 Māehe 2026");
  });

  it("says today and yesterday", () => {
    expect(formatDateInWords("2026-03-10T08:00:00Z", "en", en, now)).toMatch(/^Today: Tuesday, 10 March 2026/);
    expect(formatDateInWords("2026-03-09T23:59:00Z", "nl", nl, now)).toMatch(/^Gisteren: maandag 9 maart 2026/);
  });

  it("writes the date in the council's time zone, and counts today and yesterday there", () => {
    // `now` (15:00 UTC on 10 March) is 04:00 on 11 March in Auckland (UTC+13).
    expect(formatDateInWords("2026-03-09T11:30:00Z", "en", en, now, "Pacific/Auckland")).toBe("Yesterday: Tuesday, 10 March 2026 at 00:30 GMT+13");
    expect(formatDateInWords("2026-03-09T11:30:00Z", "en", en, now, "UTC")).toBe("Yesterday: Monday, 9 March 2026 at 11:30 UTC");
    expect(formatDateInWords("2026-03-10T11:30:00Z", "en", en, now, "Pacific/Auckland")).toBe("Today: Wednesday, 11 March 2026 at 00:30 GMT+13");
    expect(formatDateInWords("2026-03-01T09:05:00Z", "en", en, now, "Europe/London")).toBe("Sunday, 1 March 2026 at 09:05 GMT");
    expect(formatDateInWords("2026-07-01T09:05:00Z", "en", en, now, "Europe/London")).toBe("Wednesday, 1 July 2026 at 10:05 BST");
  });

  it("names the zone in the page's note on times", () => {
    expect(describeTimes("en", en, "UTC")).toBe("Times are in UTC.");
    expect(describeTimes("en", en, "Etc/UTC")).toBe("Times are in UTC.");
    expect(describeTimes("en", en, "Europe/London")).toBe("Times are United Kingdom Time.");
    expect(describeTimes("nl", nl, "Europe/Amsterdam")).toBe("Tijden: Midden-Europese tijd.");
    expect(describeTimes("ja", ja, "Pacific/Auckland")).toBe("時刻はニュージーランド時間です。");
  });

  it("returns an unreadable date unchanged rather than throwing", () => {
    expect(formatDateInWords("not a date", "en", en, now)).toBe("not a date");
  });
});
