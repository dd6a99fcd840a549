import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { endAdminSession, getSessionKey, isAdminSession, normaliseOperatorName, readAdminSession, SESSION_LIFETIME_MS, startAdminSession } from "../../../lib/admin/auth";
import { SqliteStore } from "../../../lib/store/sqlite-store";

// Console sessions against a real SQLite store, with the clock passed in: a session
// lives 12 hours on the server, whatever the browser keeps, and ends at sign-out.

const KEY = "an-admin-token-of-sufficient-length";
const START = Date.parse("2026-11-22T08:00:00.000Z");

function makeStore() {
  return new SqliteStore(new DatabaseSync(":memory:"), () => false);
}

describe("admin sessions", () => {
  it("accepts a session until 12 hours after sign-in, then refuses its cookie", async () => {
    const store = makeStore();
    const cookie = await startAdminSession({ store, key: KEY, now: START });
    expect(await isAdminSession(cookie, { store, key: KEY, now: START + 60_000 })).toBe(true);
    expect(await isAdminSession(cookie, { store, key: KEY, now: START + SESSION_LIFETIME_MS - 1 })).toBe(true);
    expect(await isAdminSession(cookie, { store, key: KEY, now: START + SESSION_LIFETIME_MS })).toBe(false);
    expect(SESSION_LIFETIME_MS).toBe(12 * 60 * 60_000);
  });

  it("keeps the name an operator gives at sign-in, cleaned for the audit log", async () => {
    const store = makeStore();
    const named = await startAdminSession({ store, key: KEY, now: START, name: normaliseOperatorName("  Aroha\u202e  Ngata\n") });
    const unnamed = await startAdminSession({ store, key: KEY, now: START });
    expect(await readAdminSession(named, { store, key: KEY, now: START })).toEqual({ name: "Aroha Ngata", sessionKey: getSessionKey(named, KEY) });
    expect(await readAdminSession(unnamed, { store, key: KEY, now: START })).toEqual({ name: "", sessionKey: getSessionKey(unnamed, KEY) });
    expect(await readAdminSession(named, { store, key: KEY, now: START + SESSION_LIFETIME_MS })).toBeNull();
    expect(normaliseOperatorName("x".repeat(100))).toHaveLength(60);
    expect(normaliseOperatorName("🙂".repeat(70))).toBe("🙂".repeat(60)); // cut between characters, never inside one
    expect(normaliseOperatorName(undefined)).toBe("");
    expect(normaliseOperatorName(" \t ")).toBe("");
  });

  it("refuses a copied cookie after sign-out, and only that session's", async () => {
    const store = makeStore();
    const signedOut = await startAdminSession({ store, key: KEY, now: START });
    const other = await startAdminSession({ store, key: KEY, now: START });
    await endAdminSession(signedOut, { store, key: KEY });
    expect(await isAdminSession(signedOut, { store, key: KEY, now: START + 1 })).toBe(false);
    expect(await isAdminSession(other, { store, key: KEY, now: START + 1 })).toBe(true);
  });

  it("keeps no cookie in the database, and sessions end when the admin token changes", async () => {
    const db = new DatabaseSync(":memory:");
    const store = new SqliteStore(db, () => false);
    const cookie = await startAdminSession({ store, key: KEY, now: START });
    const rows = db.prepare("SELECT * FROM admin_sessions").all();
    expect(JSON.stringify(rows)).not.toContain(cookie);
    expect(await isAdminSession(cookie, { store, key: `${KEY}-rotated`, now: START + 1 })).toBe(false);
  });

  it("refuses made-up and malformed cookies", async () => {
    const store = makeStore();
    for (const value of [undefined, "", "x", "a".repeat(43), "../../etc/passwd", "a".repeat(4000)]) {
      expect(await isAdminSession(value, { store, key: KEY, now: START })).toBe(false);
    }
  });
});
