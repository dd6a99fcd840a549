import { randomBytes } from "node:crypto";
import { startApp, waitFor, type App, type Council } from "../../integration/helpers/processes";
import { startReverseProxy, type ReverseProxy } from "../../integration/helpers/reverse-proxy";
import type { TestBackend } from "./backends";

/** The app as deployed on a backend: one instance on SQLite; on PostgreSQL two behind a reverse proxy. */
export interface Deployment {
  /** Every instance; the first works the inbox queue. */
  apps: App[];
  /** PUBLIC_URL: the proxy when there are several instances. */
  publicUrl: string;
  stop: () => Promise<void>;
}

/**
 * Starts the deployment and has it follow @council. With several instances the proxy
 * sends inbox deliveries to the first and everything else round-robin, as README's
 * production layout does; the second runs no queue worker, so what it shows arrived
 * through PostgreSQL.
 */
export async function startDeployment(backend: TestBackend, council: Council): Promise<Deployment> {
  if (backend.name === "sqlite") {
    const app = await startApp({ certPath: council.certPath, env: backend.env });
    await followCouncil(app.url, app.token, council);
    return { apps: [app], publicUrl: app.url, stop: () => app.stop() };
  }
  const targets: string[] = [];
  let turn = 0;
  const proxy: ReverseProxy = await startReverseProxy((request) =>
    request.method === "POST" && request.url?.split("?")[0]?.endsWith("/inbox") ? targets[0]! : targets[turn++ % targets.length]!);
  const shared = { ...backend.env, PUBLIC_URL: proxy.url, ADMIN_TOKEN: randomBytes(24).toString("base64url") };
  const apps = await Promise.all([
    startApp({ certPath: council.certPath, env: shared }),
    startApp({ certPath: council.certPath, env: { ...shared, QUEUE_WORKER: "false" } }),
  ]);
  targets.push(...apps.map((app) => app.url));
  await followCouncil(proxy.url, apps[0]!.token, council);
  return {
    apps,
    publicUrl: proxy.url,
    stop: async () => {
      await Promise.all(apps.map((app) => app.stop()));
      await proxy.close();
    },
  };
}

/**
 * Starts an app on `backend` for `council`, making no slides, audio or picture copies
 * ahead: the reliability runs are about storing, delivering and stopping, and rendering
 * every post of every burst would only keep the CPU busy. `again` restarts a stopped app
 * on its port and data directory.
 */
export function startStorageApp(backend: TestBackend, council: Council, again?: Pick<App, "port" | "dataDir">): Promise<App> {
  return startApp({ certPath: council.certPath, env: { ...backend.env, PRERENDER: "none" }, ...(again ? { port: again.port, dataDir: again.dataDir } : {}) });
}

async function followCouncil(url: string, token: string, council: Council): Promise<void> {
  await followAndWait(url, token, `@council@${council.host}`);
}

/** Follows `handle` through the admin API at `url` and waits until the account has accepted. */
export async function followAndWait(url: string, token: string, handle: string): Promise<void> {
  const api = (method: string, body?: unknown) => fetch(`${url}/api/admin/subscriptions`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await api("POST", { handle });
  await waitFor(async () => (await (await api("GET")).json()).items.some((item: { handle: string; state: string }) => item.handle === handle && item.state === "accepted"), 20_000, () => `${handle} not accepted`);
}
