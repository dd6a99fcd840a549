import { getEnv } from "../env";
import { getEventBus } from "../events/bus";
import { HttpError } from "../http/responses";
import { isKnownTimeZone } from "../time-zone";
import { getStore } from "../store";
import { approveWhatScreenShows } from "./approvals";
import { DEFAULT_SCREEN_NAME, getDefaultScreenConfig, parseScreenConfig, ScreenConfigError, SCREEN_NAME_PATTERN } from "./screen-config";
import type { ScreenConfig, StoredScreen } from "./types";

/** A screen's configuration; `default` exists even when never saved. Throws 404 for others that do not exist. */
export async function getScreenConfig(name: string): Promise<StoredScreen> {
  const stored = SCREEN_NAME_PATTERN.test(name) ? await getStore().getScreen(name) : null;
  // A zone saved empty by an older version would stop the screen's clock code: use the council's.
  if (stored) return isKnownTimeZone(stored.timeZone) ? stored : { ...stored, timeZone: getEnv().timeZone };
  if (name === DEFAULT_SCREEN_NAME) return { ...getDefaultScreenConfig(name, getEnv().timeZone), createdAt: null, updatedAt: null };
  throw new HttpError(404, `No screen called "${name.slice(0, 60)}". Make it in /admin or with POST /api/admin/screens.`);
}

/** Every screen, `default` first (whether or not it was ever saved). */
export async function listScreenConfigs(): Promise<StoredScreen[]> {
  const stored = await getStore().listScreens();
  const rest = stored.filter((screen) => screen.name !== DEFAULT_SCREEN_NAME);
  return [await getScreenConfig(DEFAULT_SCREEN_NAME), ...rest];
}

/** Creates a screen; 409 when the name is taken. `who` is written to the audit log ("api", or the console's operator). */
export async function createScreen(input: unknown, who = "api"): Promise<StoredScreen> {
  const name = typeof (input as { name?: unknown })?.name === "string" ? (input as { name: string }).name.trim().toLowerCase() : "";
  const config = toHttpError(() => parseScreenConfig(name, input, getDefaultScreenConfig(name, getEnv().timeZone)));
  if (name === DEFAULT_SCREEN_NAME || (await getStore().getScreen(name))) throw new HttpError(409, `A screen called "${name}" already exists; change it with PUT /api/admin/screens/${name}.`);
  const saved = await getStore().putScreen(config);
  await audit(who, "screen-added", name, null);
  return saved;
}

/**
 * Changes a screen's settings (fields left out keep their value); `default` may be changed
 * but not made to filter. Turning approval on for a screen approves what it shows: that
 * keeps showing, and only posts arriving since wait (a new screen's posts all wait).
 */
export async function updateScreen(name: string, input: unknown, who = "api"): Promise<StoredScreen> {
  const current = await getScreenConfig(name);
  const config = toHttpError(() => parseScreenConfig(name, input, current));
  if (config.approval && !current.approval) {
    const approved = await approveWhatScreenShows(current);
    await audit(who, "approve-shown", name, `${approved} posts on the screen when approval was turned on`);
  }
  const saved = await getStore().putScreen(config);
  const changed = (Object.keys(config) as (keyof ScreenConfig)[]).filter((key) => JSON.stringify(config[key]) !== JSON.stringify(current[key]));
  if (changed.length > 0) {
    await audit(who, "screen-settings", name, changed.map((key) => `${key}: ${JSON.stringify(config[key])}`).join("; ").slice(0, 500));
    // The screen's pages fetch the feed, which carries the settings, at once (not at their next poll).
    getEventBus().publish({ type: "screen.changed", screen: name, reload: false });
  }
  return saved;
}

function audit(who: string, action: string, target: string, reason: string | null): Promise<void> {
  return getStore().moderation.appendAudit({ at: new Date().toISOString(), who, action, target, reason });
}

/** Deletes a screen; `default` cannot be deleted. */
export async function deleteScreen(name: string): Promise<void> {
  if (name === DEFAULT_SCREEN_NAME) throw new HttpError(409, 'The "default" screen always exists; it cannot be deleted.');
  if (!(await getStore().deleteScreen(name))) throw new HttpError(404, `No screen called "${name.slice(0, 60)}".`);
}

/**
 * Asks the devices showing a screen (or one of them) to reload: their pages send a
 * heartbeat at once (the live stream tells them), and its answer tells the asked ones to
 * reload; a page without the stream learns at its next heartbeat (within 30 s).
 */
export async function requestScreenReload(name: string, device: string | null): Promise<number> {
  await getScreenConfig(name);
  const requested = await getStore().requestReload(name, device);
  if (requested > 0) getEventBus().publish({ type: "screen.changed", screen: name, reload: true });
  return requested;
}

function toHttpError<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ScreenConfigError) throw new HttpError(400, error.message);
    throw error;
  }
}
