import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// CAP alerts from a source through the real write path and a real SQLite store (in a
// temporary DATA_DIR): an Alert becomes an announcement credited to the source, an
// Update replaces it, a Cancel or its expiry removes it, an alert outside the area is skipped.
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "crier-cap-in-"));
process.env.TRUSTED_DOMAINS = "govt.nz";

const { takeAlert, sourceHandle } = await import("../../../lib/cap/cap-intake");
const { readCapDocument } = await import("../../../lib/cap/read-cap");
const { listAnnouncements } = await import("../../../lib/announcements/listing");
const { getStore } = await import("../../../lib/store");
const { stopRuntime } = await import("../../../lib/runtime");

afterAll(() => stopRuntime());

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/cap");
const alertFrom = (name: string, edit: (xml: string) => string = (xml) => xml) => {
  const document = readCapDocument(edit(readFileSync(path.join(FIXTURES, name), "utf8")), "https://weather.example.govt.nz/cap/feed.atom");
  if (document.kind !== "alert") throw new Error(name);
  return document.alert;
};
const shown = async () => (await listAnnouncements({ limit: 50 })).map((item) => ({ text: item.text.split("\n")[0], priority: item.priority, language: item.language, handle: item.account.handle, official: item.account.official }));

describe("CAP alerts into announcements", () => {
  it("credits the sender's domain only when the source is served from it", () => {
    expect(sourceHandle({ url: "https://alerts.weather.example.govt.nz/feed.atom", name: "Weather Service" }, "warnings@weather.example.govt.nz")).toBe("@weather_service@weather.example.govt.nz");
    expect(sourceHandle({ url: "https://mirror.example.org/feed.atom", name: "Weather" }, "warnings@weather.example.govt.nz")).toBe("@weather@mirror.example.org");
  });

  it("keeps an alert, replaces it on Update, removes it on Cancel; skips one outside the area", async () => {
    const source = (await getStore().cap.createSource({ url: "https://weather.example.govt.nz/cap/feed.atom", name: "Weather Service", minSeverity: "Severe", area: null }))!;
    expect(await takeAlert(source, alertFrom("weather-warning-polygon.xml"))).toBe("keep");
    expect(await shown()).toEqual([{ text: "Orange Heavy Rain Warning for Wellington", priority: "emergency", language: "en-NZ", handle: "@weather_service@weather.example.govt.nz", official: true }]);

    const update = alertFrom("weather-warning-polygon.xml", (xml) => xml
      .replace("<cap:identifier>2.49.0.1.554.0.2026.12.06.0630</cap:identifier>", "<cap:identifier>2.49.0.1.554.0.2026.12.06.0700</cap:identifier>")
      .replace("<cap:sent>2026-12-06T19:30:00+13:00</cap:sent>", "<cap:sent>2026-12-06T20:00:00+13:00</cap:sent>")
      .replace("<cap:msgType>Alert</cap:msgType>", "<cap:msgType>Update</cap:msgType><cap:references>warnings@weather.example.govt.nz,2.49.0.1.554.0.2026.12.06.0630,2026-12-06T19:30:00+13:00</cap:references>")
      .replace("<cap:severity>Severe</cap:severity>", "<cap:severity>Moderate</cap:severity>")
      .replace("Orange Heavy Rain Warning", "Yellow Heavy Rain Watch"));
    expect(await takeAlert(source, update)).toBe("keep");
    // Replaced, and below minSeverity now: no longer an emergency.
    expect(await shown()).toMatchObject([{ text: "Yellow Heavy Rain Watch for Wellington", priority: "normal" }]);

    // A Cancel that names only the Update (as publishers that chain do) still finds the alert.
    const cancelOfUpdate = alertFrom("cancel.xml", (xml) => xml.replace("2.49.0.1.554.0.2026.12.06.0630,2026-12-06T19:30:00+13:00", "2.49.0.1.554.0.2026.12.06.0700,2026-12-06T20:00:00+13:00"));
    expect(await takeAlert(source, cancelOfUpdate)).toBe("remove");
    expect(await shown()).toEqual([]);

    const outside = (await getStore().cap.createSource({ url: "https://weather.example.govt.nz/other.atom", name: "Auckland only", minSeverity: "Minor", area: "-36.7,174.6 -36.7,175.0 -37.0,175.0 -37.0,174.6 -36.7,174.6" }))!;
    expect(await takeAlert(outside, alertFrom("civil-defence-two-languages.xml"))).toBe("skip");
    expect(await shown()).toEqual([]);
  });

  it("shows a two-language alert in each language; an Update without one language removes it; expiry removes them all", async () => {
    const source = (await getStore().cap.createSource({ url: "https://civildefence.example.org/cap/feed.atom", name: "Civil Defence", minSeverity: "Severe", area: null }))!;
    const byLanguage = async () => (await shown()).sort((a, b) => a.language.localeCompare(b.language));
    const civil = { priority: "emergency", handle: "@civil_defence@civildefence.example.org", official: false };
    expect(await takeAlert(source, alertFrom("civil-defence-two-languages.xml"))).toBe("keep");
    expect(await byLanguage()).toEqual([
      { text: "Tsunami warning: move to high ground now", language: "en-NZ", ...civil },
      { text: "Whakatūpato tai āniwhaniwha: haere ki te whenua teitei ināianei", language: "mi", ...civil },
    ]);

    // The same message again changes nothing; an Update in both languages replaces both.
    expect(await takeAlert(source, alertFrom("civil-defence-two-languages.xml"))).toBe("keep");
    expect(await shown()).toHaveLength(2);
    const asUpdate = (xml: string, identifier: string, sent: string) => xml
      .replace("<identifier>CD-2026-0042</identifier>", `<identifier>${identifier}</identifier>`)
      .replace("<sent>2026-12-06T06:45:00-00:00</sent>", `<sent>${sent}</sent>`)
      .replace("<msgType>Alert</msgType>", "<msgType>Update</msgType><references>alerts@civildefence.example.govt.nz,CD-2026-0042,2026-12-06T06:45:00-00:00</references>");
    const update = alertFrom("civil-defence-two-languages.xml", (xml) => asUpdate(xml, "CD-2026-0043", "2026-12-06T07:00:00-00:00")
      .replace("move to high ground now", "stay on high ground").replace("haere ki te whenua teitei ināianei", "noho ki te whenua teitei"));
    expect(await takeAlert(source, update)).toBe("keep");
    expect((await byLanguage()).map((item) => item.text)).toEqual(["Tsunami warning: stay on high ground", "Whakatūpato tai āniwhaniwha: noho ki te whenua teitei"]);

    const englishOnly = alertFrom("civil-defence-two-languages.xml", (xml) => asUpdate(xml, "CD-2026-0044", "2026-12-06T07:15:00-00:00")
      .replace(/<info>\s*<language>mi<\/language>[\s\S]*?<\/info>/, ""));
    expect(englishOnly.infos).toHaveLength(1);
    expect(await takeAlert(source, englishOnly)).toBe("keep");
    expect(await byLanguage()).toEqual([{ text: "Tsunami warning: move to high ground now", language: "en-NZ", ...civil }]);

    const expired = alertFrom("civil-defence-two-languages.xml", (xml) => xml.replaceAll("<certainty>Observed</certainty>", "<certainty>Observed</certainty><expires>2020-01-01T00:00:00+00:00</expires>"));
    expect(await takeAlert(source, expired)).toBe("remove");
    expect(await shown()).toEqual([]);
  });

  it("a Cancel removes every language of the alert it names", async () => {
    const source = (await getStore().cap.createSource({ url: "https://civildefence.example.org/cap/other.atom", name: "Civil Defence 2", minSeverity: "Severe", area: null }))!;
    const alert = alertFrom("civil-defence-two-languages.xml", (xml) => xml.replace("<identifier>CD-2026-0042</identifier>", "<identifier>CD-2026-0050</identifier>"));
    expect(await takeAlert(source, alert)).toBe("keep");
    expect(await shown()).toHaveLength(2);
    const cancel = alertFrom("civil-defence-two-languages.xml", (xml) => xml
      .replace("<identifier>CD-2026-0042</identifier>", "<identifier>CD-2026-0051</identifier>")
      .replace("<msgType>Alert</msgType>", "<msgType>Cancel</msgType><references>alerts@civildefence.example.govt.nz,CD-2026-0050,2026-12-06T06:45:00-00:00</references>"));
    expect(await takeAlert(source, cancel)).toBe("remove");
    expect(await shown()).toEqual([]);
  });
});
