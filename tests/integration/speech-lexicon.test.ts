import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// Real processes: the council posts, Crier decides each post's language from its text
// (not only its tag), and an operator's lexicon edit re-speaks the posts it touches.

let council: Council;
let app: App;

async function postAndWait(body: Record<string, unknown>): Promise<any> {
  const post = await council.control("POST", "/actors/council/posts", body);
  return waitFor(async () => {
    const { items } = await (await fetch(`${app.url}/api/announcements?limit=100`)).json();
    return items.find((item: any) => item.uri === post.id);
  }, 15_000, () => `post never arrived\n${app.output().slice(-3000)}`);
}

const audioFiles = (id: string) => {
  try {
    return readdirSync(path.join(app.dataDir, "audio")).filter((name) => name.startsWith(`${id}.`) && name.endsWith(".mp3"));
  } catch {
    return [];
  }
};

function secondsOf(bytes: Uint8Array): number {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "crier-lexicon-")), "a.mp3");
  writeFileSync(file, bytes);
  return Number(JSON.parse(execFileSync("ffprobe", ["-v", "error", "-show_format", "-of", "json", file], { encoding: "utf8" })).format.duration);
}

beforeAll(async () => {
  council = await startCouncil();
  app = await startApp({ certPath: council.certPath });
  await app.api("POST", "/api/admin/subscriptions", { handle: `@council@${council.host}` });
  await waitFor(async () => (await (await app.api("GET", "/api/admin/subscriptions")).json()).items[0]?.state === "accepted", 15_000, () => "not accepted");
});

afterAll(async () => {
  await app?.stop();
  await council?.stop();
});

describe("the language a post is spoken and shown in", () => {
  it("follows the text when the tag is wrong: a Dutch post tagged English is Dutch on the API and on its page", async () => {
    const dutch = await postAndWait({ content: "<p>De bibliotheek aan de Stationsweg is maandag gesloten vanwege onderhoud aan de verwarming.</p>", language: "en" });
    expect(dutch.language).toBe("nl");
    const page = await (await fetch(`${app.url}/announcements/${dutch.id}`)).text();
    expect(page).toMatch(/class="announcement-text" lang="nl"/);
  });
});

describe("the pronunciation lexicon", () => {
  it("answers 401 without the token and 400 with a sentence for a bad language or entry", async () => {
    expect((await fetch(`${app.url}/api/admin/lexicon/en`)).status).toBe(401);
    const badLanguage = await app.api("GET", "/api/admin/lexicon/not%20a%20language");
    expect(badLanguage.status).toBe(400);
    expect((await badLanguage.json()).error).toMatch(/not a language tag/);
    const badEntry = await app.api("PUT", "/api/admin/lexicon/en", { entries: [{ word: "Auckland", phonemes: "]] <break time='9s'/>" }] });
    expect(badEntry.status).toBe(400);
    expect((await badEntry.json()).error).toMatch(/Entry 1: "phonemes"/);
  });

  it("starts with the New Zealand starter set, and an edit re-speaks the posts it touches with a new hash and a length in the speaking-rate band", async () => {
    const starter = await (await app.api("GET", "/api/admin/lexicon/en")).json();
    expect(starter.saved).toBe(false);
    expect(starter.entries).toContainEqual({ word: "Whangarei", respelling: "Whangārei", language: "mi" });

    const text = "The ferry to Wellington leaves from the main wharf at nine every morning this week, and the last one returns at six.";
    const announcement = await postAndWait({ content: `<p>${text}</p>`, language: "en" });
    await waitFor(async () => audioFiles(announcement.id).length === 1, 120_000, () => `no audio\n${app.output().slice(-3000)}`);
    const [before] = audioFiles(announcement.id);
    const url = `${app.url}/api/announcements/${announcement.id}/audio.mp3`;
    const beforeBytes = new Uint8Array(await (await fetch(url)).arrayBuffer());

    const saved = await app.api("PUT", "/api/admin/lexicon/en", { entries: [...starter.entries, { word: "Wellington", respelling: "Te Whanganui-a-Tara", language: "mi" }] });
    expect(saved.status).toBe(200);
    expect((await saved.json()).respeaking).toBeGreaterThanOrEqual(1);
    expect((await (await app.api("GET", "/api/admin/lexicon/en")).json()).saved).toBe(true);

    // Spoken again in the background: a new file under a new hash, the old one gone.
    await waitFor(async () => {
      const files = audioFiles(announcement.id);
      return files.length === 1 && files[0] !== before;
    }, 90_000, () => `not re-spoken: ${audioFiles(announcement.id).join(", ")}\n${app.output().slice(-3000)}`);
    const afterBytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    expect(Buffer.compare(Buffer.from(afterBytes), Buffer.from(beforeBytes))).not.toBe(0);
    const seconds = secondsOf(afterBytes);
    const words = text.split(/\s+/).length + 8; // the header: who and when
    const wordsPerSecond = words / seconds;
    console.log(`[speech] lexicon edit: ${before} → ${audioFiles(announcement.id)[0]}, ${secondsOf(beforeBytes).toFixed(1)} s → ${seconds.toFixed(1)} s, ${wordsPerSecond.toFixed(2)} words/s`);
    expect(wordsPerSecond).toBeGreaterThan(1.5);
    expect(wordsPerSecond).toBeLessThan(4.5);

    // A post the edit does not touch keeps its audio.
    const other = await postAndWait({ content: "<p>The swimming pool is closed for cleaning from Monday to Wednesday, and reopens on Thursday.</p>", language: "en" });
    await waitFor(async () => audioFiles(other.id).length === 1, 90_000, () => "no audio for the other post");
    const [otherFile] = audioFiles(other.id);
    await app.api("PUT", "/api/admin/lexicon/en", { entries: [...starter.entries, { word: "Wellington", phonemes: "w'El1INt@n" }] });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await fetch(`${app.url}/api/announcements/${other.id}/audio.mp3`);
    expect(audioFiles(other.id)).toEqual([otherFile]);
  }, 360_000); // background speech waits its turn on a loaded 2-core machine (it took over 30 s once at suite start)
});
