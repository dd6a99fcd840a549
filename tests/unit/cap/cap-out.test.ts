import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeDraft } from "../store/store-contract";
import { expectValidCap } from "./helpers/validate-cap";

// CAP out over a real SQLite store in a temporary DATA_DIR, through the same write path
// and read API as the app. Every document it produces is checked against the OASIS schema.
process.env.DATA_DIR = mkdtempSync(path.join(tmpdir(), "crier-cap-out-"));
process.env.PUBLIC_URL = "https://crier.council.example";
process.env.EMERGENCY_HASHTAGS = "Flood,Unwetter";
process.env.CAP_AREA = "Wellington City & <Hutt>";
process.env.CAP_POLYGON = "-41.2,174.7 -41.2,174.9 -41.4,174.9 -41.2,174.7";
process.env.CAP_EXTREME_HASHTAGS = "Evacuate";
process.env.CAP_ALERT_MINUTES = "60";

const { getAnnouncementChanges } = await import("../../../lib/changes/announcement-changes");
const { getAnnouncementId } = await import("../../../lib/announcements/announcement-id");
const { syncCapAlerts, renderLatestCapDocument, listIndexedVersions } = await import("../../../lib/cap/cap-alerts");
const { buildCapAtomIndex } = await import("../../../lib/cap/cap-atom");
const { getStore } = await import("../../../lib/store");
const { stopRuntime } = await import("../../../lib/runtime");
const { getScreenCapDocument } = await import("../../../lib/cap/cap-alerts");
const { createScreen } = await import("../../../lib/signage/screens");

afterAll(() => stopRuntime());

const ACCOUNT = "https://council.example/users/news";
const now = Date.now();
const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
const keep = (overrides: Parameters<typeof makeDraft>[0]) =>
  getAnnouncementChanges().keepPost({ draft: makeDraft({ published: at(0), ...overrides }), accountUri: ACCOUNT, viaUri: null, accountLanguage: null });
const read = (xml: string, element: string) => [...xml.matchAll(new RegExp(`<${element}>([^<]*)</${element}>`, "g"))].map((match) => match[1]);

describe("CAP out", () => {
  const flood = { uri: "https://council.example/notes/flood", text: "River Road is flooding. Leave the riverside car park now and keep away from the water.", tags: ["Flood"] };
  const floodId = getAnnouncementId(flood.uri);
  const storm = { uri: "https://council.example/notes/sturm", language: "de", text: "Unwetterwarnung für die Innenstadt! Bitte bleiben Sie zu Hause.", tags: ["Unwetter", "Evacuate"] };
  const stormId = getAnnouncementId(storm.uri);

  it("publishes an Alert per emergency, in its language, with the settings' info and area; ordinary posts get none", async () => {
    await keep(flood);
    await keep(storm);
    await keep({ uri: "https://council.example/notes/bins", text: "Bins on Saturday." });
    await syncCapAlerts(now);
    const alert = (await renderLatestCapDocument(floodId))!;
    expectValidCap(alert);
    expect(read(alert, "msgType")).toEqual(["Alert"]);
    expect(read(alert, "identifier")).toEqual([`crier-${floodId}-1`]);
    expect(read(alert, "sender")).toEqual(["crier.council.example"]);
    expect(read(alert, "sent")[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    expect(read(alert, "headline")).toEqual(["River Road is flooding."]);
    expect(read(alert, "description")).toEqual([flood.text]);
    expect(read(alert, "severity")).toEqual(["Severe"]);
    expect(read(alert, "areaDesc")).toEqual(["Wellington City &amp; &lt;Hutt&gt;"]);
    expect(read(alert, "web")).toEqual([`https://crier.council.example/announcements/${floodId}`]);
    expect(read(alert, "uri")).toEqual([`https://crier.council.example/api/announcements/${floodId}/audio.mp3`, `https://crier.council.example/api/announcements/${floodId}/slide.png`]);
    expect(alert).not.toContain("<references>");

    const german = (await renderLatestCapDocument(stormId))!;
    expectValidCap(german);
    expect(read(german, "language")).toEqual(["de"]);
    expect(read(german, "severity")).toEqual(["Extreme"]);
    expect(read(german, "headline")).toEqual(["Unwetterwarnung für die Innenstadt!"]);
    expect(await renderLatestCapDocument(getAnnouncementId("https://council.example/notes/bins"))).toBeNull();
  });

  it("publishes nothing new while nothing changes, so every read sees the same identifiers", async () => {
    await syncCapAlerts(now + 1_000);
    await syncCapAlerts(now + 2_000);
    expect((await getStore().cap.listVersions(floodId)).map((version) => version.msgType)).toEqual(["Alert"]);
  });

  it("an edit publishes an Update that references the Alert; a delete a Cancel that references both", async () => {
    await keep({ ...flood, text: "River Road is closed. The water is rising.", updated: at(1) });
    await syncCapAlerts(now + 61_000);
    const update = (await renderLatestCapDocument(floodId))!;
    expectValidCap(update);
    const [alertMessage] = await getStore().cap.listVersions(floodId);
    expect(read(update, "msgType")).toEqual(["Update"]);
    expect(read(update, "references")).toEqual([`crier.council.example,${alertMessage!.identifier},${alertMessage!.sent}`]);
    expect(read(update, "headline")).toEqual(["River Road is closed."]);

    expect(await getAnnouncementChanges().removeByAuthor(ACCOUNT, flood.uri)).toBe(true);
    await syncCapAlerts(now + 62_000);
    const cancel = (await renderLatestCapDocument(floodId))!;
    expectValidCap(cancel);
    expect(read(cancel, "msgType")).toEqual(["Cancel"]);
    expect(read(cancel, "references")[0]!.split(" ")).toEqual([`crier.council.example,crier-${floodId}-1,${alertMessage!.sent}`, expect.stringMatching(`^crier.council.example,crier-${floodId}-2,`)]);
    expect(cancel).not.toContain("<info>");
  });

  it("cancels an emergency when it expires (CAP_ALERT_MINUTES after its last edit)", async () => {
    await syncCapAlerts(now + 61 * 60_000);
    const cancel = (await renderLatestCapDocument(stormId))!;
    expectValidCap(cancel);
    expect(read(cancel, "msgType")).toEqual(["Cancel"]);
    expect(read(cancel, "references")).toEqual([expect.stringContaining(`crier-${stormId}-1`)]);
  });

  it("lists each alert's newest message in an Atom index that links its CAP document", async () => {
    const entries = await listIndexedVersions(now + 61 * 60_000);
    expect(entries.map((entry) => [entry.announcementId, entry.msgType]).sort()).toEqual([[floodId, "Cancel"], [stormId, "Cancel"]].sort());
    const atom = await buildCapAtomIndex(now + 61 * 60_000);
    // Well-formed XML, with one alternate link per alert.
    execFileSync("xmllint", ["--noout", "-"], { input: atom });
    expect([...atom.matchAll(/<link rel="alternate" type="application\/cap\+xml" href="([^"]+)"/g)].map((match) => match[1]).sort()).toEqual(
      [floodId, stormId].map((id) => `https://crier.council.example/cap/alerts/${id}.xml`).sort(),
    );
  });

  it("a screen's own emergency is an alert too, served as that screen's cap.xml, and not other screens'", async () => {
    await createScreen({ name: "depot", emergencyHashtags: ["RoadWorks"], emergencyMinutes: 30 });
    const roadworks = { uri: "https://council.example/notes/roadworks", published: new Date().toISOString(), text: "Quarry Lane depot is closed: a gas leak. Keep clear.", tags: ["RoadWorks"] };
    await keep(roadworks);
    const document = (await getScreenCapDocument("depot"))!;
    expectValidCap(document);
    expect(read(document, "identifier")).toEqual([`crier-${getAnnouncementId(roadworks.uri)}-1`]);
    expect(read(document, "headline")).toEqual(["Quarry Lane depot is closed: a gas leak."]);
    // The default screen does not list #RoadWorks: its alert (if any) is a global emergency's.
    expect(await getScreenCapDocument("default")).not.toContain("Quarry Lane");
  });
});
