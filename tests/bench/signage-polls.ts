// Benchmark: what a signage screen's poll of feed.json costs (prints figures, asserts nothing).
//
//   npx next build && npx node tests/bench/signage-polls.ts
//
// A DATA_DIR is seeded with BENCH_ANNOUNCEMENTS (600) announcements from two accounts,
// through the real SQLite store, and has a screen "lobby" that shows one account (so
// it looks further back than the unfiltered "default" screen).
// 1. Store reads per poll, in this process: getScreenFeed (what feed.json, the kiosk
//    page, playlists and current.png call) over the seeded store, its announcement
//    reads counted; once with nothing changing, once with an event every 10 polls.
// 2. feed.json requests per second from the built app (`next start`), BENCH_CLIENTS (8)
//    clients polling for BENCH_SECONDS (5) per screen: full answers, then with
//    If-None-Match (a screen whose feed did not change gets 304).
import "./resolve-ts.ts";
import { cpSync } from "node:fs";
import type { DatedDraft } from "../../lib/announcements/types.ts";
import { makeTempDir, startApp } from "../integration/helpers/processes.ts";

const COUNT = Number(process.env.BENCH_ANNOUNCEMENTS ?? 600);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const SECONDS = Math.min(30, Number(process.env.BENCH_SECONDS ?? 5));
const POLLS = 100;
const ACCOUNTS = [
  { uri: "https://council.example/users/news", handle: "@news@council.example", name: "City News" },
  { uri: "https://council.example/users/roads", handle: "@roads@council.example", name: "Roads" },
];

function makeDraft(n: number): DatedDraft {
  const text = `Notice ${n}: the road on Elm Street is closed for repairs until Friday.`;
  return {
    uri: `https://council.example/notes/${n}`, url: `https://council.example/@news/${n}`, authorUri: ACCOUNTS[n % 2]!.uri, objectType: "Note",
    published: new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString(), updated: null, language: "en", summary: null, sensitive: false,
    html: `<p>${text}</p>`, text, attachments: [], tags: ["Roads"], visibility: "public", inReplyTo: null,
  };
}

// Seeded before lib/ is imported: getEnv reads DATA_DIR once.
const seededDir = makeTempDir("polls-seed");
{
  const { openSqliteDatabase } = await import("../../lib/store/sqlite-database.ts");
  const { SqliteStore } = await import("../../lib/store/sqlite-store.ts");
  const db = openSqliteDatabase(seededDir);
  const store = new SqliteStore(db, () => false);
  for (const account of ACCOUNTS) await store.upsertAccount({ ...account, url: null, avatarUrl: null });
  for (let n = 0; n < COUNT; n++) await store.putAnnouncement({ draft: makeDraft(n), accountUri: ACCOUNTS[n % 2]!.uri, viaUri: null, language: "en" });
  await store.putScreen({
    name: "lobby", accounts: ["@roads@council.example"], hashtags: [], slideSeconds: null, orientation: "auto", theme: "dark",
    openingHours: "", timeZone: "UTC", closedMode: "blank", emergencyAccounts: [], emergencyHashtags: [], emergencyMinutes: 60, listen: true, listenKey: "Enter",
  });
  db.close();
}
const appDir = makeTempDir("polls-app");
cpSync(seededDir, appDir, { recursive: true });

// --- 1. Store reads per poll, in process ---------------------------------------------
process.env.DATA_DIR = seededDir;
const { getStore } = await import("../../lib/store/index.ts");
const { getScreenFeed } = await import("../../lib/signage/feed.ts");
const { getEventBus } = await import("../../lib/events/bus.ts");
const store = getStore() as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
let announcementReads = 0;
let rowsRead = 0;
for (const method of ["listAnnouncements", "getAnnouncement", "getAnnouncementByUri"]) {
  const original = store[method]!.bind(store);
  store[method] = (...args: unknown[]) => {
    announcementReads++;
    return original(...args).then((result) => {
      rowsRead += Array.isArray(result) ? result.length : result ? 1 : 0;
      return result;
    });
  };
}
for (const screen of ["default", "lobby"]) {
  announcementReads = rowsRead = 0;
  for (let poll = 0; poll < POLLS; poll++) await getScreenFeed(screen);
  const quiet = `${(announcementReads / POLLS).toFixed(2)} (${(rowsRead / POLLS).toFixed(0)} rows)`;
  announcementReads = rowsRead = 0;
  for (let poll = 0; poll < POLLS; poll++) {
    if (poll % 10 === 0) getEventBus().publish({ type: "announcement.deleted", id: "none", uri: "https://council.example/notes/none" });
    await getScreenFeed(screen);
  }
  console.log(`store announcement reads per getScreenFeed("${screen}"): ${quiet} with nothing changing, ${(announcementReads / POLLS).toFixed(2)} (${(rowsRead / POLLS).toFixed(0)} rows) with an event every 10 polls`);
}

// --- 2. feed.json requests per second over HTTP ----------------------------------------
const app = await startApp({ dataDir: appDir });
try {
  for (const screen of ["default", "lobby"]) {
    const url = `${app.url}/api/signage/${screen}/feed.json`;
    const first = await fetch(url);
    const etag = first.headers.get("etag") ?? "";
    const items = (await first.json()).items.length;
    for (const isConditional of [false, true]) {
      let requests = 0;
      let bad = 0;
      const deadline = performance.now() + SECONDS * 1000;
      await Promise.all(Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < deadline) {
          const response = await fetch(url, { headers: isConditional ? { "if-none-match": etag } : {} });
          await response.arrayBuffer();
          if (response.status !== (isConditional ? 304 : 200)) bad++;
          requests++;
        }
      }));
      const label = isConditional ? "If-None-Match (304)" : "full answer (200)";
      console.log(`feed.json "${screen}" (${items} items), ${label}: ${(requests / SECONDS).toFixed(0)} requests/s over ${SECONDS} s, ${CLIENTS} clients${bad ? `, ${bad} unexpected statuses` : ""}`);
    }
  }
} finally {
  await app.stop();
}
