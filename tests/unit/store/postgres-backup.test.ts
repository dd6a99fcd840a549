import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresDatabase } from "../../../lib/store/postgres-database";
import { PostgresKvStore } from "../../../lib/store/postgres-kv-store";
import { PostgresStore } from "../../../lib/store/postgres-store";
import { findPostgresProgram, startTestPostgres, whyNoPostgres, type TestPostgres } from "../../setup/postgres";
import { makeDraft } from "./store-contract";

const skipReason = whyNoPostgres();
if (skipReason) console.warn(`Skipping the PostgreSQL backup test: ${skipReason}.`);

// The README's backup and restore commands (pg_dump --format=custom, pg_restore --no-owner into an empty database).
describe.skipIf(skipReason !== null)("PostgreSQL backup and restore", () => {
  let server: TestPostgres;
  const opened: PostgresDatabase[] = [];
  beforeAll(async () => {
    server = await startTestPostgres();
  });
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close()));
    await server?.stop();
  });

  it("restores a dump taken while Crier runs into a working database", async () => {
    const db = new PostgresDatabase(await server.createDatabase());
    opened.push(db);
    const store = new PostgresStore(db, () => false);
    const { announcement } = await store.putAnnouncement({ draft: makeDraft(), accountUri: "https://council.example/users/news", viaUri: null, language: "en" });
    await store.setSetting("federation.actorKeys", "[\"keys\"]");
    await new PostgresKvStore(db).set(["cache", "doc"], { kept: true });

    const file = path.join(mkdtempSync(path.join(tmpdir(), "crier-dump-")), "crier.dump");
    const dump = spawnSync(findPostgresProgram("pg_dump"), ["--format=custom", `--file=${file}`, db.url], { encoding: "utf8" });
    expect(dump.stderr).toBe("");
    expect(dump.status).toBe(0);
    const restoredUrl = await server.createDatabase();
    const restore = spawnSync(findPostgresProgram("pg_restore"), ["--no-owner", `--dbname=${restoredUrl}`, file], { encoding: "utf8" });
    expect(restore.stderr).toBe("");
    expect(restore.status).toBe(0);

    const restored = new PostgresDatabase(restoredUrl);
    opened.push(restored);
    await restored.ready; // migrations find the schema current
    const restoredStore = new PostgresStore(restored, () => false);
    expect((await restoredStore.getAnnouncement(announcement!.id))?.text).toBe(announcement!.text);
    expect(await restoredStore.getSetting("federation.actorKeys")).toBe("[\"keys\"]");
    expect(await new PostgresKvStore(restored).get(["cache", "doc"])).toEqual({ kept: true });
    // Sequences come back too: new rows do not collide with restored ones.
    await restoredStore.putAnnouncement({ draft: makeDraft({ uri: "https://council.example/notes/after-restore" }), accountUri: "https://council.example/users/news", viaUri: null, language: "en" });
    expect(await restoredStore.listAnnouncements({ limit: 10 })).toHaveLength(2);
  });
});
