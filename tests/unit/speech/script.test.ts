import { describe, expect, it } from "vitest";
import type { Announcement } from "@/lib/announcements/types";
import { normaliseForListening, splitIntoWords } from "@/lib/speech/normalise-text";
import { buildSpeechScript } from "@/lib/speech/script";
import { escapeForEspeak } from "@/lib/speech/espeak-engine";
import { findUnreadableScript } from "@/lib/speech/engine";

function makeAnnouncement(patch: Partial<Announcement>): Announcement {
  return {
    id: "a1", uri: "https://council.example/1", url: null,
    account: { handle: "@news@council.example", name: "City News", uri: "https://council.example/users/news", url: null, avatarUrl: null, official: true },
    published: "2026-11-20T09:00:00.000Z", updated: null, language: "en", summary: null, sensitive: false,
    html: "", text: "", attachments: [], tags: [], visibility: "public", priority: "normal", ...patch,
  };
}

describe("normaliseForListening", () => {
  it.each([
    ["#RoadClosure ahead", "en", "Road Closure ahead"],
    ["#bin_day and #COVID19", "en", "bin day and COVID 19"],
    ["See https://www.example.org/bins?x=1.", "en", "See link to example.org."],
    ["Zie https://gemeente.nl/afval", "nl", "Zie link naar gemeente.nl"],
    ["Voir https://ville.fr", "fr", "Voir lien vers ville.fr"],
    ["Siehe https://stadt.de", "de", "Siehe Link zu stadt.de"],
    ["Tirohia https://council.govt.nz", "mi", "Tirohia hono ki council.govt.nz"],
    ["Thanks @city_news@council.example!", "en", "Thanks city news!"],
    ["Ask @LibraryTeam", "en", "Ask Library Team"],
    ["mail me at someone@example.org", "en", "mail me at someone@example.org"],
    ["Closed on 14/06/2026", "en", "Closed on 14 June 2026"],
    ["Gesloten op 14-06-2026 en 2026-06-15", "nl", "Gesloten op 14 juni 2026 en 15 juni 2026"],
    ["Fermé le 14/06/2026", "fr", "Fermé le 14 juin 2026"],
    ["Open at 14:30", "en", "Open at 2 30 p m"],
    ["Open at 9am and 7.05pm", "en", "Open at 9 a m and 7 oh 5 p m"],
    ["Geöffnet um 14:30", "de", "Geöffnet um 14 Uhr 30"],
    ["Ouvert à 9h00", "fr", "Ouvert à 9 heures"],
    ["Ka tuwhera ā te 9:00", "mi", "Ka tuwhera ā te 9 karaka"],
    ["Flooding 🌊🚧 on Elm Road :blobcat:", "en", "Flooding on Elm Road"],
    ["Family 👨‍👩‍👧 day 🇳🇿", "en", "Family day"],
    ["<speak>Tom & Jerry</speak>", "en", "speak Tom and Jerry /speak"],
    ["Para one.\n\nPara two.", "en", "Para one.\n\nPara two."],
  ])("%s (%s)", (input, language, expected) => {
    expect(normaliseForListening(input, language)).toBe(expected);
  });

  it("splits tags into words", () => {
    expect(splitIntoWords("StreetLights2026")).toBe("Street Lights 2026");
    expect(splitIntoWords("NHSUpdate")).toBe("NHS Update");
  });
});

describe("buildSpeechScript", () => {
  it("reads the account and date, the content warning first, the text, then each image description", () => {
    const script = buildSpeechScript(makeAnnouncement({
      summary: "Flooding",
      text: "Elm Road is closed. #StaySafe",
      attachments: [
        { url: "https://x/1.png", mediaType: "image/png", alt: "A flooded road.", width: null, height: null },
        { url: "https://x/2.png", mediaType: "image/png", alt: null, width: null, height: null },
      ],
    }));
    expect(script.paragraphs).toEqual([
      "City News, posted on Friday 20 November 2026.",
      "Content warning: Flooding.",
      "Elm Road is closed. Stay Safe",
      "Image: A flooded road.",
      "An image without a description.",
    ]);
  });

  it("says the date in the council's time zone", () => {
    // 11:30 UTC on Friday 20 November is 00:30 on Saturday in Auckland (UTC+13) and 01:30 on Friday in Honolulu (UTC−10).
    const late = makeAnnouncement({ published: "2026-11-20T11:30:00.000Z" });
    expect(buildSpeechScript(late).paragraphs[0]).toBe("City News, posted on Friday 20 November 2026.");
    expect(buildSpeechScript(late, "Pacific/Auckland").paragraphs[0]).toBe("City News, posted on Saturday 21 November 2026.");
    expect(buildSpeechScript(late, "Pacific/Honolulu").paragraphs[0]).toBe("City News, posted on Friday 20 November 2026.");
  });

  it.each([
    ["nl", "City News, geplaatst op vrijdag 20 november 2026.", "Waarschuwing: Let op.", "Afbeelding: Kaart"],
    ["fr", "City News, publié le vendredi 20 novembre 2026.", "Avertissement : Let op.", "Image : Kaart"],
    ["de", "City News, veröffentlicht am Freitag 20. November 2026.", "Inhaltswarnung: Let op.", "Bild: Kaart"],
    ["mi", "City News, i whakairia i te Paraire 20 Noema 2026.", "Whakatūpato: Let op.", "Whakaahua: Kaart"],
    ["ja", "City News、2026年11月20日金曜日の投稿。", "注意：Let op。", "画像：Kaart"],
  ])("localises the fixed words in %s", (language, header, warning, image) => {
    const script = buildSpeechScript(makeAnnouncement({
      language, summary: "Let op", text: "Tekst.",
      attachments: [{ url: "https://x/1.png", mediaType: null, alt: "Kaart", width: null, height: null }],
    }));
    expect(script.paragraphs[0]).toBe(header);
    expect(script.paragraphs[1]).toBe(warning);
    expect(script.paragraphs.at(-1)).toBe(image);
  });

  it("says the handle's user part when the account has no name, and drops custom emoji from names", () => {
    const nameless = buildSpeechScript(makeAnnouncement({ account: { ...makeAnnouncement({}).account, name: "", handle: "@road_works@council.example" } }));
    expect(nameless.paragraphs[0]).toMatch(/^road works, posted on/);
    const emoji = buildSpeechScript(makeAnnouncement({ account: { ...makeAnnouncement({}).account, name: "City News :verified: 📢" } }));
    expect(emoji.paragraphs[0]).toMatch(/^City News, posted on/);
  });
});

describe("engine input", () => {
  it("escapes what espeak-ng reads as markup", () => {
    expect(escapeForEspeak('<speak><audio src="x"/></speak> & \u0007')).toBe('&lt;speak&gt;&lt;audio src="x"/&gt;&lt;/speak&gt; &amp;  ');
  });

  it("leaves Japanese with kanji to the device, but not kana-only Japanese or other languages", () => {
    expect(findUnreadableScript("図書館は月曜日に再開します。", "ja")).toBe("script-not-readable");
    expect(findUnreadableScript("としょかん", "ja")).toBeNull();
    expect(findUnreadableScript("Library", "en")).toBeNull();
  });
});
