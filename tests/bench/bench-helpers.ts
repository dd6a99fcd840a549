import { startApp, startCouncil, waitFor, type App, type Council } from "../integration/helpers/processes.ts";

/** The value below which p percent of the values fall (nearest rank). */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Starts the demo council and the built app on loopback, and has the app follow @council (accepted). */
export async function startFollowedCouncil(env: Record<string, string> = {}): Promise<{ council: Council; app: App; handle: string }> {
  const council = await startCouncil();
  const app = await startApp({ certPath: council.certPath, env }).catch(async (error) => {
    await council.stop();
    throw error;
  });
  const handle = `@council@${council.host}`;
  try {
    await app.api("POST", "/api/admin/subscriptions", { handle });
    await waitFor(async () => (await (await app.api("GET", "/api/admin/subscriptions")).json()).items[0]?.state === "accepted", 15_000, () => "not accepted");
  } catch (error) {
    await app.stop();
    await council.stop();
    throw error;
  }
  return { council, app, handle };
}
