// The storage backends the reliability suite runs against. SQLite always; PostgreSQL
// is added when a test database can be had (see tests/setup/postgres.ts).
import { startTestPostgres, whyNoPostgres } from "../../setup/postgres";

export interface TestBackend {
  name: "sqlite" | "postgres";
  /** Environment for every app instance that shares this backend. */
  env: Record<string, string>;
  /** Removes the backend's data (a PostgreSQL test database). */
  dispose: () => Promise<void>;
  /** Restarts the database server (PostgreSQL started by the tests only). */
  restartServer?: (downMs?: number) => Promise<void>;
}

/** The SQLite backend (the default install). */
export function sqliteBackend(): TestBackend {
  // DATABASE_URL "" keeps the SQLite run on SQLite even with CRIER_TEST_BACKEND=postgres.
  return { name: "sqlite", env: { DATABASE_URL: "" }, dispose: async () => {} };
}

/** A fresh PostgreSQL backend, or null (with a warning saying why) where none can be had. */
export async function openPostgresBackend(): Promise<TestBackend | null> {
  const skipReason = whyNoPostgres();
  if (skipReason) {
    console.warn(`No PostgreSQL run: ${skipReason}.`);
    return null;
  }
  const server = await startTestPostgres();
  return { name: "postgres", env: { DATABASE_URL: await server.createDatabase() }, dispose: () => server.stop(), restartServer: server.restart };
}

/** A fresh backend of each kind available on this machine. */
export async function openBackends(): Promise<TestBackend[]> {
  const postgres = await openPostgresBackend();
  return postgres ? [sqliteBackend(), postgres] : [sqliteBackend()];
}
