import { getEnv, isTrustedDomain } from "../env";
import { openSqliteDatabase } from "./sqlite-database";
import { SqliteStore } from "./sqlite-store";
import type { Store } from "./types";
import type { ArchiveLimits } from "./archive-limits";
import type { KvStore, MessageQueue } from "@fedify/fedify";
import { SqliteKvStore } from "@fedify/sqlite";
import { SqliteMessageQueue } from "../queue/sqlite-message-queue";
import { PostgresDatabase } from "./postgres-database";
import { PostgresStore } from "./postgres-store";
import { PostgresKvStore } from "./postgres-kv-store";
import { PostgresMessageQueue } from "../queue/postgres-message-queue";
import { startPostgresEventRelay } from "../events/postgres-relay";
import { getRuntimePart } from "../runtime/registry";
import type { WorkerLoopControl } from "../queue/worker-loops";

export type { Store } from "./types";

/** What one database provides: our store, and Fedify's key-value store and message queue. */
interface Backend {
  store: Store;
  kv: KvStore;
  /** Also says whether its worker loops are alive (health), and stops them (shutdown). */
  queue: MessageQueue & Required<Pick<MessageQueue, "getDepth">> & WorkerLoopControl;
  /** Settles once the database is usable (PostgreSQL: migrated, and live events shared with other instances). */
  ready: Promise<void>;
  /** With PostgreSQL: whether this instance hears other instances' live events right now. */
  isHearingOtherInstances?: () => boolean;
  /** Closes the database (shutdown). */
  close: () => Promise<void>;
}

/** Handles look like @user@host; the host decides the "official" mark. */
export function isOfficialHandle(handle: string): boolean {
  const host = handle.split("@").pop() ?? "";
  return host !== "" && isTrustedDomain(host);
}

/** The process-wide backend chosen by DATABASE_URL (SQLite in DATA_DIR by default). */
export function getBackend(): Backend {
  return getRuntimePart("database", () => openBackend(getEnv().databaseUrl, getEnv().dataDir, {
    maxVersionsPerPost: getEnv().archiveMaxVersions,
    maxUpdatesPerAccountPerHour: getEnv().accountUpdatesPerHour,
  }), (backend) => backend.close());
}

function openBackend(databaseUrl: string | null, dataDir: string, limits: ArchiveLimits): Backend {
  if (databaseUrl) {
    const db = new PostgresDatabase(databaseUrl);
    const store = new PostgresStore(db, isOfficialHandle, limits);
    const ready = db.ready.then(() => startPostgresEventRelay(db, store));
    ready.catch(() => {}); // Reported by startup, which awaits it.
    return { store, kv: new PostgresKvStore(db), queue: new PostgresMessageQueue(db), ready, isHearingOtherInstances: () => db.notifications.isListening, close: () => db.close() };
  }
  const sqlite = openSqliteDatabase(dataDir);
  return { store: new SqliteStore(sqlite, isOfficialHandle, limits), kv: new SqliteKvStore(sqlite), queue: new SqliteMessageQueue(() => openSqliteDatabase(dataDir)), ready: Promise.resolve(), close: async () => sqlite.close() };
}

/** The store of this process. */
export function getStore(): Store {
  return getBackend().store;
}
