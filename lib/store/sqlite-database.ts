import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { securePrivateFiles } from "../data-dir";

/** Opens the one SQLite database file in DATA_DIR (store, Fedify's key-value store and the queue share it). */
export function openSqliteDatabase(dataDir: string): DatabaseSync {
  securePrivateFiles(dataDir);
  const db = new DatabaseSync(path.join(dataDir, "crier.sqlite"));
  db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;");
  // SQLite creates the file (and its -wal and -shm) with the process's umask; it gives
  // the -wal and -shm files it makes later the database file's own mode.
  securePrivateFiles(dataDir);
  return db;
}
