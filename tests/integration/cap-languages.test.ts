import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, waitFor, type App } from "./helpers/processes";

// A CAP source over real HTTP whose alert is written in English and te reo Māori (as New
// Zealand's civil defence writes them): the built app shows it in both languages on every
// channel, each part marked with its own language and spoken on its own, and a Cancel
// takes both off.

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/cap/civil-defence-two-languages.xml");
const ENGLISH = "Tsunami warning: move to high ground now";
const MAORI = "Whakatūpato tai āniwhaniwha: haere ki te whenua teitei ināianei";

let app: App;
let source: Server;
// Sent a minute ago: an emergency leaves the screens EMERGENCY_MINUTES after it was sent.
const SENT = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, "+00:00");
let served = readFileSync(FIXTURE, "utf8").replace("<sent>2026-12-06T06:45:00-00:00</sent>", `<sent>${SENT}</sent>`);

beforeAll(async () => {
  source = createServer((request, response) => {
    if (request.url !== "/alert.xml") return void response.writeHead(404).end();
    response.writeHead(200, { "content-type": "application/cap+xml" }).end(served);
  });
  await new Promise<void>((resolve) => source.listen(0, "127.0.0.1", resolve));
  app = await startApp({ env: { CAP_POLL_SECONDS: "1" } });
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await new Promise((resolve) => source?.close(resolve));
});

interface Item { id: string; text: string; language: string; priority: string }
const announcements = async (): Promise<Item[]> => (await (await fetch(`${app.url}/api/announcements?limit=50`)).json()).items;

describe("a CAP alert in two languages", () => {
  it("is shown, spoken and listed in each language, and a Cancel removes both", async () => {
    const url = `http://127.0.0.1:${(source.address() as AddressInfo).port}/alert.xml`;
    expect((await app.api("POST", "/api/admin/sources", { kind: "cap", url, name: "Civil Defence", minSeverity: "Severe" })).status).toBe(201);
    const items = await waitFor(async () => {
      const found = await announcements();
      return found.length === 2 ? found : null;
    }, 30_000, () => `the alert did not arrive in both languages\n${app.output().slice(-3000)}`);
    const english = items.find((item) => item.language === "en-NZ")!;
    const maori = items.find((item) => item.language === "mi")!;
    expect(english.text).toContain(ENGLISH);
    expect(maori.text).toContain(MAORI);
    expect([english.priority, maori.priority]).toEqual(["emergency", "emergency"]);

    // The reader page marks each with its language; the screen's feed has both.
    const page = await (await fetch(`${app.url}/`)).text();
    expect(page).toMatch(new RegExp(`lang="mi"[^>]*>[\\s\\S]*?${MAORI.slice(0, 20)}`));
    let onScreen: string[] = [];
    await waitFor(async () => {
      onScreen = (await (await fetch(`${app.url}/api/signage/default/feed.json`)).json()).items.map((item: Item) => item.id);
      return [english.id, maori.id].every((id) => onScreen.includes(id));
    }, 10_000, () => `the screen shows ${JSON.stringify(onScreen)}\n${app.output().slice(-2000)}`);

    // Each is spoken on its own: two MP3s of speech, two podcast episodes.
    const seconds: number[] = [];
    for (const item of [english, maori]) {
      const audio = await fetch(`${app.url}/api/announcements/${item.id}/audio.mp3`);
      expect(audio.status, `${item.language}\n${app.output().slice(-2000)}`).toBe(200);
      expect(audio.headers.get("content-type")).toBe("audio/mpeg");
      const dir = mkdtempSync(path.join(tmpdir(), "crier-cap-audio-"));
      const file = path.join(dir, `${item.language}.mp3`);
      writeFileSync(file, new Uint8Array(await audio.arrayBuffer()));
      seconds.push(Number(execFileSync("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", file], { encoding: "utf8" })));
      rmSync(dir, { recursive: true, force: true });
    }
    console.log(`CAP alert spoken: en-NZ ${seconds[0]!.toFixed(1)} s, mi ${seconds[1]!.toFixed(1)} s`);
    for (const duration of seconds) expect(duration).toBeGreaterThan(3);
    const podcast = await (await fetch(`${app.url}/podcast.xml`)).text();
    for (const item of [english, maori]) expect(podcast).toContain(`/api/announcements/${encodeURIComponent(item.id)}/audio.mp3`);
    expect(podcast).toContain(MAORI);

    // A Cancel of the alert takes both languages off.
    served = served
      .replace("<identifier>CD-2026-0042</identifier>", "<identifier>CD-2026-0043</identifier>")
      .replace("<msgType>Alert</msgType>", `<msgType>Cancel</msgType><references>alerts@civildefence.example.govt.nz,CD-2026-0042,${SENT}</references>`);
    await waitFor(async () => (await announcements()).length === 0, 30_000, () => `the Cancel did not remove both\n${app.output().slice(-3000)}`);
  });
});
