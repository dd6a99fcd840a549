import { describe, expect, it } from "vitest";
import {
  guessLanguageFromScript,
  normalizeLanguageTag,
  pickFromContentMap,
  pickLanguage,
} from "../../../lib/announcements/language";

describe("normalizeLanguageTag", () => {
  it.each([
    ["en", "en"],
    ["EN", "en"],
    ["en-GB", "en-GB"],
    ["en-gb", "en-GB"],
    ["en_GB", "en-GB"],
    [" fr ", "fr"],
    ["zh-hant-tw", "zh-Hant-TW"],
    ["iw", "he"],
    ["gsw", "gsw"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeLanguageTag(input)).toBe(expected);
  });

  it.each([["und"], ["UND"], ["zxx"], [""], ["english"], ["e"], ["en-"], ["x-klingon"], ["12"], ["en GB"], ["a".repeat(40)]])(
    "rejects %j",
    (input) => {
      expect(normalizeLanguageTag(input)).toBeNull();
    },
  );

  it("rejects non-strings", () => {
    for (const value of [null, undefined, 42, {}, ["en"]]) expect(normalizeLanguageTag(value)).toBeNull();
  });
});

describe("pickLanguage", () => {
  it("picks the contentMap key whose value equals content", () => {
    const object = { content: "bonjour", contentMap: { en: "hello", fr: "bonjour" } };
    expect(pickLanguage(object)).toBe("fr");
  });

  it("picks the closest contentMap value when they differ slightly", () => {
    const object = {
      content: "<p>The library is closed today.</p>",
      contentMap: { de: "<p>Die Bibliothek ist heute geschlossen.</p>", en: "<p>The library is  closed today. </p>" },
    };
    expect(pickLanguage(object)).toBe("en");
  });

  it("takes the only key even when its value differs (Friendica)", () => {
    expect(pickLanguage({ content: "Hello", contentMap: { de: "<bdi>!x</bdi> Hello" } })).toBe("de");
  });

  it("takes the first valid key without content and skips junk keys", () => {
    expect(pickLanguage({ contentMap: { "??": "x", und: "y", nl: "z", en: "w" } })).toBe("nl");
    expect(pickFromContentMap({ EN: "x" }, undefined)).toBe("en");
  });

  it.each([
    ["a language string", { language: "de" }, "de"],
    ["Lemmy's {identifier} object", { language: { identifier: "fr", name: "Français" } }, "fr"],
    ["a list of languages", { language: [{ identifier: "und" }, { identifier: "cy" }] }, "cy"],
    ["schema.org inLanguage (Mobilizon)", { inLanguage: "en" }, "en"],
    ["nameMap when there is no contentMap", { nameMap: { es: "Hola" } }, "es"],
    ["an inline @context @language", { "@context": ["https://www.w3.org/ns/activitystreams", { "@language": "pt-BR" }] }, "pt-BR"],
    ["Pleroma's und context", { "@context": [{ "@language": "und" }] }, null],
    ["nothing at all", { content: "hi" }, null],
    ["a non-object", "en", null],
    ["garbage fields", { contentMap: "en", language: 12, inLanguage: {} }, null],
  ])("reads %s", (_name, object, expected) => {
    expect(pickLanguage(object)).toBe(expected);
  });

  it("prefers contentMap over the language property", () => {
    expect(pickLanguage({ contentMap: { it: "ciao" }, language: "en" })).toBe("it");
  });
});

describe("guessLanguageFromScript", () => {
  it.each([
    ["Japanese with kana", "明日は燃えるごみの日です。", "ja"],
    ["Japanese mixed with a Latin brand name", "Fantiaこれできないように過去のやつは従量課金だった気がする", "ja"],
    ["Korean", "안녕하세요 여러분, 도서관은 오늘 휴관합니다.", "ko"],
    ["Arabic", "مرحبا بكم في مجلس المدينة", "ar"],
    ["Persian, as Arabic script", "کتابخانه امروز تعطیل است", "ar"],
    ["Hebrew", "שלום לכולם, הספרייה סגורה היום", "he"],
    ["Greek", "Καλημέρα σας, η βιβλιοθήκη είναι κλειστή", "el"],
    ["Russian", "здесь тоже можно что-то написать", "ru"],
    ["Ukrainian", "Їжак і єнот пішли до бібліотеки", "uk"],
    ["Thai", "ห้องสมุดปิดวันนี้", "th"],
    ["Chinese (Han without kana)", "今天图书馆关闭", null],
    ["English", "The library is closed today.", null],
    ["mostly English with a Cyrillic name", "Our guest today is Григорий from the twin town committee.", null],
    ["digits and emoji", "2025 🎉 12:00", null],
    ["empty text", "", null],
  ])("%s", (_name, text, expected) => {
    expect(guessLanguageFromScript(text)).toBe(expected);
  });

  it("returns null for non-strings", () => {
    for (const value of [null, undefined, 42, {}]) expect(guessLanguageFromScript(value)).toBeNull();
  });
});
