import { startTestPostgres } from "./postgres.ts";

/**
 * vitest globalSetup. With CRIER_TEST_BACKEND=postgres, one throwaway PostgreSQL serves
 * the whole run: every app the integration tests start (startApp) gets a database of
 * its own on it, so the SQLite-default suites run unchanged on PostgreSQL. Otherwise
 * nothing happens here (the PostgreSQL test files start their own cluster).
 */
export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.CRIER_TEST_BACKEND !== "postgres" || process.env.CRIER_TEST_DATABASE_URL) return;
  const server = await startTestPostgres();
  // The test workers inherit it: startTestPostgres() there connects instead of starting another.
  process.env.CRIER_TEST_DATABASE_URL = server.adminUrl;
  return () => server.stop();
}
