import { getEnv, isTrustedDomain } from "../env";
import { openSqliteDatabase } from "./sqlite-database";
import { SqliteStore } from "./sqlite-store";
import type { Store } from "./types";
import type { KvStore, MessageQueue } from "@fedify/fedify";
import { SqliteKvStore } from "@fedify/sqlite";
import { SqliteMessageQueue } from "../queue/sqlite-message-queue";

export type { Store } from "./types";

/** What one database provides: our store, and Fedify's key-value store and message queue. */
interface Backend {
  store: Store;
  kv: KvStore;
  queue: MessageQueue & Required<Pick<MessageQueue, "getDepth">>;
}

const KEY = Symbol.for("crier.backend");

/** Handles look like @user@host; the host decides the "official" mark. */
export function isOfficialHandle(handle: string): boolean {
  const host = handle.split("@").pop() ?? "";
  return host !== "" && isTrustedDomain(host);
}

/** The process-wide backend chosen by DATABASE_URL (SQLite in DATA_DIR by default). */
export function getBackend(): Backend {
  const global = globalThis as { [KEY]?: Backend };
  if (global[KEY]) return global[KEY];
  const env = getEnv();
  if (env.databaseUrl) {
    throw new Error(
      "DATABASE_URL is set, but this version of Crier has no PostgreSQL backend yet; unset DATABASE_URL to use the built-in SQLite database.",
    );
  }
  const sqlite = openSqliteDatabase(env.dataDir);
  global[KEY] = { store: new SqliteStore(sqlite, isOfficialHandle), kv: new SqliteKvStore(sqlite), queue: new SqliteMessageQueue(sqlite) };
  return global[KEY];
}

/** The store of this process. */
export function getStore(): Store {
  return getBackend().store;
}
