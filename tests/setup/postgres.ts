import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * A real PostgreSQL for tests: the server in CRIER_TEST_DATABASE_URL when given,
 * otherwise a throwaway cluster (Debian's `postgresql` package, initdb in a temp
 * directory, listening on a free 127.0.0.1 port, run as the `postgres` user when the
 * tests run as root). Each caller gets a fresh database of its own.
 */
export interface TestPostgres {
  /** The server's own database (for creating others). */
  adminUrl: string;
  /** A new, empty database; its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
  /** Stops the server (fast shutdown: every connection is cut), waits `downMs`, starts it again; only for a throwaway cluster. */
  restart?: (downMs?: number) => Promise<void>;
}

/** Why no PostgreSQL is available, or null when one is. */
export function whyNoPostgres(): string | null {
  if (process.env.CRIER_TEST_DATABASE_URL) return null;
  return findBinDir() ? null : "no PostgreSQL server binaries (install Debian's postgresql package, or set CRIER_TEST_DATABASE_URL)";
}

/**
 * Starts (or connects to) the test PostgreSQL server. Tests run it without fsync;
 * `{ durable: true }` keeps PostgreSQL's production defaults (benchmarks).
 */
export async function startTestPostgres(options: { durable?: boolean } = {}): Promise<TestPostgres> {
  const given = process.env.CRIER_TEST_DATABASE_URL;
  if (given) return withDatabases(given, async () => {});
  const binDir = findBinDir();
  if (!binDir) throw new Error(whyNoPostgres()!);
  const dir = mkdtempSync(path.join(tmpdir(), "crier-pg-"));
  const user = getServerUser();
  if (user) chownSync(dir, user.uid, user.gid);
  const dataDir = path.join(dir, "data");
  const init = spawnSync(path.join(binDir, "initdb"), ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"], {
    ...user,
    encoding: "utf8",
  });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
  const port = await getFreePort();
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let log = "";
  const launch = async () => {
    const server = spawn(
      path.join(binDir, "postgres"),
      ["-D", dataDir, "-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200", ...(options.durable ? [] : ["-c", "fsync=off"])],
      { ...user, stdio: ["ignore", "pipe", "pipe"] },
    );
    server.stdout!.on("data", (chunk) => (log += chunk));
    server.stderr!.on("data", (chunk) => (log += chunk));
    await waitUntilAccepting(adminUrl, server, () => log);
    return server;
  };
  let server = await launch();
  const postgres = withDatabases(adminUrl, async () => {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  });
  postgres.restart = async (downMs = 0) => {
    await stopServer(server);
    await new Promise((resolve) => setTimeout(resolve, downMs));
    server = await launch();
  };
  return postgres;
}

function withDatabases(adminUrl: string, stopServer: () => Promise<void>): TestPostgres {
  const created: string[] = [];
  return {
    adminUrl,
    async createDatabase() {
      const name = `crier_test_${process.pid}_${Date.now().toString(36)}_${created.length}`;
      const client = new pg.Client(adminUrl);
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      created.push(name);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return url.toString();
    },
    async stop() {
      if (process.env.CRIER_TEST_DATABASE_URL) {
        const client = new pg.Client(adminUrl);
        await client.connect();
        for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
        await client.end();
      }
      await stopServer();
    },
  };
}

/** The path of a PostgreSQL program (pg_dump, pg_restore, …): Debian's, else whatever PATH finds. */
export function findPostgresProgram(name: string): string {
  const binDir = findBinDir();
  return binDir && existsSync(path.join(binDir, name)) ? path.join(binDir, name) : name;
}

function findBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((name) => existsSync(path.join(root, name, "bin", "postgres")));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : null;
}

/** PostgreSQL refuses to run as root: use the `postgres` system user then. */
function getServerUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(spawnSync("id", ["-u", "postgres"], { encoding: "utf8" }).stdout.trim());
  const gid = Number(spawnSync("id", ["-g", "postgres"], { encoding: "utf8" }).stdout.trim());
  if (!uid) throw new Error("Running as root, and there is no postgres user to run the test PostgreSQL server as.");
  return { uid, gid };
}

async function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function waitUntilAccepting(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`PostgreSQL exited while starting:\n${log()}`);
    const client = new pg.Client(url);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`PostgreSQL did not start within 30 s:\n${log()}`);
}

async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null) return;
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGINT"); // fast shutdown: disconnects clients, no checkpoint wait
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
  if (server.exitCode === null) server.kill("SIGKILL");
}
