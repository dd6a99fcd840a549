// The storage backends the reliability suite runs against. SQLite always; PostgreSQL
// is added when a test database can be had (see tests/setup/postgres.ts).

export interface TestBackend {
  name: "sqlite" | "postgres";
  /** Environment for every app instance that shares this backend. */
  env: Record<string, string>;
  /** Removes the backend's data (a PostgreSQL test database). */
  dispose: () => Promise<void>;
}

/** A fresh backend of each kind available on this machine. */
export async function openBackends(): Promise<TestBackend[]> {
  return [{ name: "sqlite", env: {}, dispose: async () => {} }];
}
