import { getDefaultScreenConfig } from "../signage/screen-config";
import type { EnrolledDevice, ScreenConfig, ScreenHeartbeat, ScreenState, StoredScreen } from "../signage/types";

// Rows of the screens, screen_heartbeats and screen_devices tables, the same in SQLite and PostgreSQL.

export interface ScreenRow { config: string; created_at: string; updated_at: string }
export interface HeartbeatRow { screen: string; device: string; last_seen: string; showing: string | null; state: string }
export interface DeviceRow { screen: string; device: string; created_at: string }

/** A screens row as the screen it stores (its config is JSON text; settings added since it was saved take their defaults). */
export function toScreen(row: ScreenRow): StoredScreen {
  const config = JSON.parse(row.config) as ScreenConfig;
  return { ...getDefaultScreenConfig(config.name, config.timeZone), ...config, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** A screen_heartbeats row as a heartbeat. */
export function toHeartbeat(row: HeartbeatRow): ScreenHeartbeat {
  return { screen: row.screen, device: row.device, lastSeen: row.last_seen, showing: row.showing, state: row.state as ScreenState };
}

/** A screen_devices row as an enrolled device (the secret's hash stays in the store). */
export function toDevice(row: DeviceRow): EnrolledDevice {
  return { screen: row.screen, device: row.device, enrolledAt: row.created_at };
}
