import { chmodSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";

// DATA_DIR holds the database, and the database holds the actor's private keys and the
// admin sessions: only Crier's own user may read it.

/** The files in DATA_DIR that hold secrets: the SQLite database (with its WAL and shared memory) and the admin token. */
export const PRIVATE_FILES = ["crier.sqlite", "crier.sqlite-wal", "crier.sqlite-shm", "admin-token"];

/** Creates DATA_DIR with mode 700 (or sets an existing one to 700) and sets the secret files in it to 600. */
export function securePrivateFiles(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  for (const name of PRIVATE_FILES) {
    const file = path.join(dataDir, name);
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}
