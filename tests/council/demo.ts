// `npm run demo`: starts the demo council and the app, subscribes the app to the
// council, posts realistic notices on the first run, prints where to look, and
// keeps both running until Ctrl-C.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { request } from "node:https";
import { createInterface } from "node:readline";
import { getAnnouncements, getSeedPosts } from "./demo-posts.ts";
import type { DemoPost } from "./demo-posts.ts";

const COUNCIL_PORT = process.env.COUNCIL_PORT ?? "8443";
const APP_PORT = process.env.PORT ?? "3000";
const COUNCIL_DATA_DIR = resolve("./data/demo-council");
const APP_DATA_DIR = resolve("./data/demo");
const COUNCIL = `https://localhost:${COUNCIL_PORT}`;
const APP = `http://localhost:${APP_PORT}`;
const HANDLES = [`@council@localhost:${COUNCIL_PORT}`, `@noticeboard@localhost:${COUNCIL_PORT}`];
const BUILD_INPUTS = ["app", "lib", "components", "next.config.ts", "package.json"];

/** Every page the demo points people to; add new pages (signage, listen, feeds) here. */
const LINKS: { label: string; url: string }[] = [
  { label: "Announcements", url: `${APP}/` },
  { label: "Text size, colours and language", url: `${APP}/settings` },
  { label: `Council's announcements`, url: `${APP}/accounts/${encodeURIComponent(HANDLES[0]!)}` },
  { label: "RSS feed / Atom feed", url: `${APP}/feed.xml  ${APP}/atom.xml` },
  { label: "Admin (token in data/demo/admin-token)", url: `${APP}/admin` },
  { label: "JSON API", url: `${APP}/api/announcements` },
  { label: "Listen (audio player)", url: `${APP}/listen` },
  { label: "Podcast feed", url: `${APP}/podcast.xml` },
  { label: "Live events (SSE)", url: `${APP}/api/events` },
  { label: "Health", url: `${APP}/api/health` },
  { label: "Kiosk signage screen", url: `${APP}/signage/default` },
  { label: "Signage playlist (slide PNGs)", url: `${APP}/api/signage/default/playlist.json` },
  { label: "Current slide (e-paper 800×480)", url: `${APP}/api/signage/default/current.png?width=800&height=480&variant=epaper` },
  { label: `Council @council@localhost:${COUNCIL_PORT}`, url: `${COUNCIL}/@council` },
];

const children: ChildProcess[] = [];
let isStopping = false;

class DemoError extends Error {
  override name = "DemoError";
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Starts a command in its own process group (so it can be stopped whole), prefixing its output. */
function startChild(label: string, command: string, args: string[], env: NodeJS.ProcessEnv, onLine?: (line: string) => void): ChildProcess {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  children.push(child);
  for (const [stream, write] of [[child.stdout, console.log], [child.stderr, console.error]] as const) {
    if (stream == null) continue;
    createInterface({ input: stream }).on("line", (line) => {
      if (line.startsWith("npm warn Unknown user config")) return;
      write(`[${label}] ${line}`);
      onLine?.(line);
    });
  }
  child.on("exit", (code, signal) => {
    if (isStopping) return;
    console.error(`[${label}] stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the demo.`);
    void stopAll(1);
  });
  return child;
}

async function stopAll(exitCode: number): Promise<void> {
  if (isStopping) return;
  isStopping = true;
  const running = children.filter((child) => child.exitCode == null && child.signalCode == null && child.pid != null);
  for (const child of running) {
    try { process.kill(-(child.pid ?? 0), "SIGTERM"); } catch { /* already gone */ }
  }
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline && running.some((child) => child.exitCode == null && child.signalCode == null)) await sleep(100);
  for (const child of running) {
    if (child.exitCode == null && child.signalCode == null) {
      try { process.kill(-(child.pid ?? 0), "SIGKILL"); } catch { /* already gone */ }
    }
  }
  process.exit(exitCode);
}

async function startCouncil(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, COUNCIL_DATA_DIR, COUNCIL_PORT };
  delete env.COUNCIL_HTTP;
  delete env.COUNCIL_ACCEPT;
  let markReady = () => {};
  const ready = new Promise<void>((done) => { markReady = done; });
  startChild("council", process.execPath, [join(import.meta.dirname, "server.ts")], env, (line) => {
    if (line.startsWith("council ready")) markReady();
  });
  const timeout = sleep(30_000).then(() => { throw new DemoError("The demo council did not print its ready line within 30 s."); });
  await Promise.race([ready, timeout]);
}

function newestModification(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestModification(join(path, name))));
}

async function buildAppIfStale(): Promise<void> {
  const buildId = resolve(".next/BUILD_ID");
  if (existsSync(buildId) && statSync(buildId).mtimeMs > Math.max(...BUILD_INPUTS.map((path) => newestModification(resolve(path))))) return;
  console.log("Building the app (about a minute)…");
  const build = spawn("npx", ["next", "build"], { stdio: "inherit" });
  const code = await new Promise<number | null>((done) => build.on("exit", done));
  if (code !== 0) throw new DemoError(`next build failed (exit code ${code}); fix the errors above and run npm run demo again.`);
}

async function startApp(): Promise<void> {
  startChild("app", "npx", ["next", "start", "-H", "127.0.0.1", "-p", APP_PORT], {
    ...process.env,
    PUBLIC_URL: APP,
    DATA_DIR: APP_DATA_DIR,
    ALLOW_PRIVATE_ADDRESS: "true",
    NODE_EXTRA_CA_CERTS: join(COUNCIL_DATA_DIR, "cert.pem"),
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const response = await fetch(`http://127.0.0.1:${APP_PORT}/api/health`).catch(() => null);
    if (response?.status === 200) return;
    await sleep(500);
  }
  throw new DemoError(`The app did not answer GET /api/health with 200 within 60 s on port ${APP_PORT}; see the [app] lines above.`);
}

async function callCouncil(method: string, path: string, body?: unknown): Promise<any> {
  // fetch() cannot be told to trust one more certificate per call; node:https can.
  return await new Promise((done, fail) => {
    const payload = body == null ? undefined : JSON.stringify(body);
    const call = request(`${COUNCIL}/_control${path}`, {
      method,
      ca: readFileSync(join(COUNCIL_DATA_DIR, "cert.pem")),
      headers: payload == null ? {} : { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) },
    }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => { text += chunk; });
      response.on("end", () => {
        const json = text === "" ? {} : JSON.parse(text);
        if ((response.statusCode ?? 500) >= 400) fail(new DemoError(`Council control API ${method} ${path}: ${json.error ?? text}`));
        else done(json);
      });
    });
    call.on("error", fail);
    call.end(payload);
  });
}

async function callApp(token: string, method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`http://127.0.0.1:${APP_PORT}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body == null ? {} : { "Content-Type": "application/json" }) },
    body: body == null ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok && response.status !== 409) throw new DemoError(`App ${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
  return text === "" ? {} : JSON.parse(text);
}

async function readAdminToken(): Promise<string> {
  if (process.env.ADMIN_TOKEN) return process.env.ADMIN_TOKEN;
  const path = join(APP_DATA_DIR, "admin-token");
  for (let attempt = 0; attempt < 20 && !existsSync(path); attempt++) await sleep(250);
  if (!existsSync(path)) throw new DemoError(`The app did not write its admin token to ${path}.`);
  return readFileSync(path, "utf8").trim();
}

async function subscribe(token: string, handle: string): Promise<void> {
  const find = async () => ((await callApp(token, "GET", "/api/admin/subscriptions")).items ?? [])
    .find((item: { handle?: string }) => item.handle === handle);
  let subscription = await find();
  if (subscription?.state !== "accepted") {
    await callApp(token, "POST", "/api/admin/subscriptions", { handle });
    subscription = await find();
  }
  const deadline = Date.now() + 20_000;
  while (subscription?.state !== "accepted") {
    if (Date.now() > deadline || subscription?.state === "rejected" || subscription?.state === "error") {
      throw new DemoError(`Subscribing to ${handle} did not reach "accepted" within 20 s (state: ${subscription?.state ?? "missing"}${subscription?.reason ? `, reason: ${subscription.reason}` : ""}).`);
    }
    await sleep(300);
    subscription = await find();
  }
  console.log(`Subscribed to ${handle}.`);
}

async function postAll(posts: DemoPost[], deliver: boolean): Promise<{ id: string; shortId: string }[]> {
  const results = [];
  for (const post of posts) {
    const result = await callCouncil("POST", "/actors/council/posts", { ...post, deliver });
    const failed = (result.delivered as { ok: boolean; inbox: string; error?: string }[]).filter((item) => !item.ok);
    for (const item of failed) console.error(`Delivery to ${item.inbox} failed: ${item.error}`);
    results.push(result);
  }
  return results;
}

async function main(): Promise<void> {
  const stop = () => {
    console.log("\nStopping the app and the council…");
    void stopAll(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  await startCouncil();
  await buildAppIfStale();
  await startApp();
  const token = await readAdminToken();
  const isFirstRun = (await callCouncil("GET", "/state")).posts === 0;
  if (isFirstRun) await postAll(getSeedPosts(), false);
  for (const handle of HANDLES) await subscribe(token, handle);
  if (isFirstRun) {
    // Spread over the last hours so they read like a morning's notices and sort predictably.
    const announcements = getAnnouncements();
    const now = Date.now();
    const posted = await postAll(announcements.map((post, index) => ({
      ...post,
      published: new Date(now - (announcements.length - 1 - index) * 17 * 60 * 1000).toISOString(),
    })), true);
    const library = posted[4];
    if (library != null) await callCouncil("POST", "/actors/noticeboard/announce", { object: library.shortId });
    console.log(`Posted ${posted.length} announcements.`);
  }
  console.log("\nCrier demo is running. Ctrl-C stops it.\n");
  for (const link of LINKS) console.log(`  ${link.label.padEnd(48)} ${link.url}`);
  console.log(`\n  Admin token: ${join(APP_DATA_DIR, "admin-token")}\n  Post more: see tests/council/README.md (control API on ${COUNCIL}/_control/)\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof DemoError ? error.message : error);
  void stopAll(1);
});
