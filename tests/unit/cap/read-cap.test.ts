import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decideAlert } from "../../../lib/cap/alert-decision";
import { parsePolygon } from "../../../lib/cap/area";
import { readCapDocument, type CapAlert } from "../../../lib/cap/read-cap";
import { parseXmlTree } from "../../../lib/cap/xml-tree";

// The CAP reader over hand-written fixtures in the shapes real publishers use, and what
// each alert means for a source (its minSeverity and area filter).

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/cap");
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");
const BASE = "https://weather.example.govt.nz/cap/feed.atom";
const NOW = Date.parse("2026-12-06T10:00:00Z");
const WELLINGTON = parsePolygon("-41.0,174.5 -41.0,175.1 -41.5,175.1 -41.5,174.5 -41.0,174.5")!;
const AUCKLAND = parsePolygon("-36.7,174.6 -36.7,175.0 -37.0,175.0 -37.0,174.6 -36.7,174.6")!;

const alertOf = (name: string): CapAlert => {
  const document = readCapDocument(fixture(name), BASE);
  if (document.kind !== "alert") throw new Error(`${name} is ${document.kind}`);
  return document.alert;
};

describe("reading CAP documents", () => {
  it.each([
    ["weather-warning-polygon.xml", { identifier: "2.49.0.1.554.0.2026.12.06.0630", sender: "warnings@weather.example.govt.nz", msgType: "Alert", languages: ["en-NZ"], severities: ["Severe"], polygons: 1, circles: 0 }],
    ["civil-defence-two-languages.xml", { identifier: "CD-2026-0042", sender: "alerts@civildefence.example.govt.nz", msgType: "Alert", languages: ["en-NZ", "mi"], severities: ["Extreme", "Extreme"], polygons: 0, circles: 2 }],
    ["cancel.xml", { identifier: "2.49.0.1.554.0.2026.12.06.0900", sender: "warnings@weather.example.govt.nz", msgType: "Cancel", languages: [], severities: [], polygons: 0, circles: 0 }],
  ])("%s", (name, expected) => {
    const alert = alertOf(name);
    expect({
      identifier: alert.identifier, sender: alert.sender, msgType: alert.msgType,
      languages: alert.infos.map((info) => info.language), severities: alert.infos.map((info) => info.severity),
      polygons: alert.infos.flatMap((info) => info.areas.flatMap((area) => area.polygons)).length,
      circles: alert.infos.flatMap((info) => info.areas.flatMap((area) => area.circles)).length,
    }).toEqual(expected);
  });

  it("decodes entities and CDATA, and keeps the fields an announcement is made of", () => {
    const [info] = alertOf("weather-warning-polygon.xml").infos;
    expect(info).toMatchObject({
      event: "Heavy Rain Warning", headline: "Orange Heavy Rain Warning for Wellington",
      description: "Expect 120 to 150 mm of rain & thunderstorms. Streams <and> rivers may rise rapidly.",
      instruction: "Avoid driving through flood water. Check on neighbours.", web: "https://weather.example.govt.nz/warnings/wellington",
    });
    expect(alertOf("cancel.xml").references).toEqual([{ sender: "warnings@weather.example.govt.nz", identifier: "2.49.0.1.554.0.2026.12.06.0630", sent: "2026-12-06T19:30:00+13:00" }]);
  });

  it.each([
    ["malformed.xml", /Not well-formed XML: <event> is never closed/],
    ["unknown-namespace.xml", /root element is \{http:\/\/www.incident.com\/cap\/1.0\}alert/],
  ])("%s is invalid, with a reason for the log", (name, reason) => {
    const document = readCapDocument(fixture(name), BASE);
    expect(document.kind).toBe("invalid");
    expect(document.kind === "invalid" && document.reason).toMatch(reason);
  });

  it.each([
    ["<a><b></a></b>", /not closed by its own end tag/],
    ["<a/><b/>", /more than one root/],
    ["<x:a/>", /prefix "x" is not declared/],
    ["<a>" + "<b>".repeat(40) + "</b>".repeat(40) + "</a>", /nested deeper than 32/],
    ["<a>" + "<b/>".repeat(20_001) + "</a>", /more than 20000 elements/],
    ["", /no root element/],
  ])("refuses XML that is not well-formed or too big: %#", (xml, reason) => {
    expect(() => parseXmlTree(xml)).toThrow(reason);
  });

  it("reads an Atom index: each entry's CAP link resolved against the index, unusable links dropped", () => {
    const document = readCapDocument(fixture("index.atom"), BASE);
    expect(document).toEqual({
      kind: "index",
      entries: [
        { id: "urn:uuid:0630", updated: "2026-12-06T19:30:00+13:00", href: "https://weather.example.govt.nz/cap/alerts/0630.xml" },
        { id: "urn:uuid:0042", updated: "2026-12-06T06:45:00Z", href: "https://civildefence.example.govt.nz/cap/0042.xml" },
      ],
    });
  });
});

describe("what an alert means for a source", () => {
  it.each([
    ["weather-warning-polygon.xml", "Severe", null, { action: "keep", isEmergency: true, updated: null, published: "2026-12-06T06:30:00.000Z" }],
    ["weather-warning-polygon.xml", "Extreme", null, { action: "keep", isEmergency: false }],
    ["weather-warning-polygon.xml", "Minor", WELLINGTON, { action: "keep", isEmergency: true }],
    ["weather-warning-polygon.xml", "Minor", AUCKLAND, { action: "skip", reason: "its area is outside the source's area" }],
    ["civil-defence-two-languages.xml", "Severe", WELLINGTON, { action: "keep", isEmergency: true, infos: [expect.objectContaining({ language: "en-NZ", event: "Tsunami" }), expect.objectContaining({ language: "mi", event: "Tai āniwhaniwha" })] }],
    ["civil-defence-two-languages.xml", "Severe", AUCKLAND, { action: "skip" }],
    ["cancel.xml", "Severe", AUCKLAND, { action: "remove", reason: "cancelled", keys: ["warnings@weather.example.govt.nz,2.49.0.1.554.0.2026.12.06.0630"] }],
    ["exercise.xml", "Minor", null, { action: "skip", reason: "its status is Exercise, not Actual" }],
  ] as const)("%s with minSeverity %s and area filter %#", (name, minSeverity, area, expected) => {
    expect(decideAlert(alertOf(name), { minSeverity, area: area as never }, NOW)).toMatchObject(expected);
  });

  it("keeps the first info of each language, in the alert's order (an info without a language is en-US)", () => {
    const alert = alertOf("civil-defence-two-languages.xml");
    const [english, maori] = alert.infos;
    const many = { ...alert, infos: [english!, { ...english!, language: "EN-nz", headline: "a second English info" }, maori!, { ...maori!, language: null }, { ...english!, language: "en-US" }] };
    const decision = decideAlert(many, { minSeverity: "Severe", area: null }, NOW);
    expect(decision.action === "keep" && decision.infos.map((info) => [info.language, info.headline])).toEqual([
      ["en-NZ", english!.headline], ["mi", maori!.headline], [null, maori!.headline],
    ]);
  });

  it("an alert whose every info has expired removes what it and its references name", () => {
    const alert = alertOf("weather-warning-polygon.xml");
    const expired = { ...alert, msgType: "Update", references: [{ sender: "w@x", identifier: "first", sent: "2026-12-06T05:00:00+00:00" }] };
    expect(decideAlert(expired, { minSeverity: "Minor", area: null }, Date.parse("2100-01-01T00:00:00Z"))).toEqual({
      action: "remove", reason: "expired", keys: ["w@x,first", `${alert.sender},${alert.identifier}`],
    });
    const update = decideAlert(expired, { minSeverity: "Minor", area: null }, NOW);
    expect(update).toMatchObject({ action: "keep", replaces: ["w@x,first"], published: "2026-12-06T05:00:00.000Z", updated: "2026-12-06T06:30:00.000Z" });
  });
});
