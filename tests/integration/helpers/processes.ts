import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { startTestPostgres, type TestPostgres } from "../../setup/postgres.ts";
import { keepIdentity, lendIdentity } from "./council-identities.ts";

export const ROOT = path.resolve(import.meta.dirname, "../../..");

/** A child process with its collected output. */
export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** A fresh temporary directory. */
export function makeTempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `crier-${prefix}-`));
}

// Extra Node arguments for the apps and councils tests start, e.g. "--cpu-prof
// --cpu-prof-dir=/tmp/prof" to profile an app under a test (Node refuses --cpu-prof in NODE_OPTIONS).
const NODE_ARGS = process.env.CRIER_TEST_NODE_ARGS?.split(" ").filter(Boolean) ?? [];

function spawnProcess(args: string[], env: Record<string, string | undefined>, name: string): RunningProcess {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  const append = (chunk: Buffer) => {
    log += chunk.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
    if (process.env.CRIER_TEST_VERBOSE) process.stderr.write(`[${name}] ${chunk}`);
  };
  child.stdout!.on("data", append);
  child.stderr!.on("data", append);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    output: () => log,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}

/**
 * Stops a process whose start failed before passing the error on: the caller never gets
 * a handle to stop it, and a left-over server would keep taking CPU from later files.
 */
async function stopIfFailing(running: RunningProcess, started: Promise<unknown>): Promise<void> {
  try {
    await started;
  } catch (error) {
    await running.stop("SIGKILL");
    throw error;
  }
}

/** Polls until `check` returns a value, or throws with `describe()` after the timeout. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs: number,
  describe: () => string,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`Timed out: ${describe()}${lastError ? ` (last error: ${(lastError as Error).message})` : ""}`);
}

export interface Council extends RunningProcess {
  origin: string;
  host: string;
  certPath: string;
  dataDir: string;
  control: (method: string, pathname: string, body?: unknown) => Promise<any>;
}

/** Starts the demo council (tests/council) over HTTPS on a free loopback port. */
export async function startCouncil(options: { secure?: boolean; dataDir?: string; port?: number; accept?: "auto" | "manual" } = {}): Promise<Council> {
  const port = options.port ?? (await getFreePort());
  const dataDir = options.dataDir ?? makeTempDir("council");
  const slot = lendIdentity(dataDir);
  const running = spawnProcess(["tests/council/server.ts"], {
    COUNCIL_PORT: String(port),
    COUNCIL_DATA_DIR: dataDir,
    COUNCIL_SECURE_MODE: options.secure ? "true" : "false",
    COUNCIL_ACCEPT: options.accept ?? "auto",
  }, "council");
  // 120 s like the app: files run side by side, so a start can wait for a busy CPU (a
  // council without a kept identity generates an RSA and an Ed25519 key per actor; 3 s
  // alone, over 60 s once while seven lanes saturated two cores).
  await stopIfFailing(running, waitFor(async () => running.output().includes("council ready"), 120_000, () => `council did not start:\n${running.output()}`));
  if (slot !== null) keepIdentity(dataDir, slot);
  const origin = `https://localhost:${port}`;
  const certPath = path.join(dataDir, "cert.pem");
  const ca = readFileSync(certPath, "utf8");
  const control = async (method: string, pathname: string, body?: unknown) => {
    const { default: https } = await import("node:https");
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      // Node sends a DELETE's body without chunked encoding: without a length the council could not read it.
      const headers = { "content-type": "application/json", ...(payload === undefined ? {} : { "content-length": String(Buffer.byteLength(payload)) }) };
      const request = https.request(`${origin}/_control${pathname}`, { method, ca, headers }, (response) => {
        let data = "";
        response.on("data", (chunk) => (data += chunk));
        response.on("end", () => {
          if ((response.statusCode ?? 500) >= 400) reject(new Error(`council ${method} ${pathname} → ${response.statusCode}: ${data}`));
          else resolve(data ? JSON.parse(data) : null);
        });
      });
      request.on("error", reject);
      if (payload !== undefined) request.write(payload);
      request.end();
    });
  };
  return { ...running, origin, host: `localhost:${port}`, certPath, dataDir, control };
}

export interface App extends RunningProcess {
  url: string;
  port: number;
  dataDir: string;
  token: string;
  api: (method: string, pathname: string, body?: unknown, headers?: Record<string, string>) => Promise<Response>;
}

const databases = new Map<string, Promise<string>>();
let testPostgres: Promise<TestPostgres> | undefined;

/**
 * With CRIER_TEST_BACKEND=postgres (vitest: see tests/setup/global-postgres.ts): one
 * database per DATA_DIR, so a restarted app finds its data again.
 */
function getDatabaseFor(dataDir: string): Promise<string> {
  testPostgres ??= startTestPostgres();
  if (!databases.has(dataDir)) databases.set(dataDir, testPostgres.then((server) => server.createDatabase()));
  return databases.get(dataDir)!;
}

/** Starts the built app (`next start`) on a free loopback port with its own DATA_DIR; `env` adds or overrides variables (PUBLIC_URL, DATABASE_URL, ADMIN_TOKEN, …). */
export async function startApp(options: { dataDir?: string; port?: number; env?: Record<string, string | undefined>; certPath?: string } = {}): Promise<App> {
  if (!existsSync(path.join(ROOT, ".next", "BUILD_ID"))) {
    throw new Error("The app is not built: run `npm run build` (npm test does it first).");
  }
  const port = options.port ?? (await getFreePort());
  const dataDir = options.dataDir ?? makeTempDir("app");
  const url = `http://127.0.0.1:${port}`;
  const backendEnv = process.env.CRIER_TEST_BACKEND === "postgres" && !(options.env && "DATABASE_URL" in options.env) ? { DATABASE_URL: await getDatabaseFor(dataDir) } : {};
  const running = spawnProcess([path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
    PORT: String(port),
    PUBLIC_URL: url,
    DATA_DIR: dataDir,
    ALLOW_PRIVATE_ADDRESS: "true",
    NODE_EXTRA_CA_CERTS: options.certPath,
    ADMIN_TOKEN: "",
    ...backendEnv,
    ...options.env,
  }, "app");
  await stopIfFailing(running, waitFor(async () => (await fetch(`${url}/api/health`)).ok, 120_000, () => `app did not become healthy:\n${running.output()}`));
  const token = options.env?.ADMIN_TOKEN || readFileSync(path.join(dataDir, "admin-token"), "utf8").trim();
  const api = (method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${pathname}`, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return { ...running, url, port, dataDir, token, api };
}

/**
 * Starts the built app with `env` (a fresh DATA_DIR unless it names one) and waits for
 * it to exit: its exit code (null: still running after 30 s, then killed) and output.
 * For start-up that must refuse a bad configuration with one sentence.
 */
export async function startAppExpectingExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const port = await getFreePort();
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: makeTempDir("exit"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, 30_000);
    child.on("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  return { code, output };
}
