import type { DatabaseSync } from "node:sqlite";
import type { EnrolledDevice, ScreenConfig, ScreenHeartbeat, StoredScreen } from "../signage/types";
import { withoutNul } from "./without-nul";
import { toDevice, toHeartbeat, toScreen, type DeviceRow, type HeartbeatRow } from "./screen-rows";

// The signage part of the SQLite store: screens (config as JSON), enrolled devices and their heartbeats.

/** Screens and heartbeats over one SQLite database. */
export class SqliteScreens {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  list(): StoredScreen[] {
    return (this.#db.prepare("SELECT * FROM screens ORDER BY name").all() as never[]).map(toScreen);
  }

  get(name: string): StoredScreen | null {
    const row = this.#db.prepare("SELECT * FROM screens WHERE name = ?").get(name) as never;
    return row ? toScreen(row) : null;
  }

  put(config: ScreenConfig): StoredScreen {
    const now = new Date().toISOString();
    this.#db
      .prepare(`INSERT INTO screens (name, config, created_at, updated_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at`)
      .run(withoutNul(config.name), JSON.stringify(config), now, now);
    return this.get(withoutNul(config.name))!;
  }

  delete(name: string): boolean {
    this.#db.prepare("DELETE FROM screen_heartbeats WHERE screen = ?").run(name);
    this.#db.prepare("DELETE FROM screen_devices WHERE screen = ?").run(name);
    return this.#db.prepare("DELETE FROM screens WHERE name = ?").run(name).changes > 0;
  }

  recordHeartbeat(received: ScreenHeartbeat, maxDevices: number): { reload: boolean } {
    const heartbeat = { ...received, screen: withoutNul(received.screen), device: withoutNul(received.device), showing: withoutNul(received.showing) };
    const previous = this.#db.prepare("SELECT reload_requested FROM screen_heartbeats WHERE screen = ? AND device = ?").get(heartbeat.screen, heartbeat.device) as
      | { reload_requested: number }
      | undefined;
    this.#db
      .prepare(`INSERT INTO screen_heartbeats (screen, device, last_seen, showing, state, reload_requested) VALUES (?, ?, ?, ?, ?, 0)
        ON CONFLICT (screen, device) DO UPDATE SET last_seen = excluded.last_seen, showing = excluded.showing, state = excluded.state, reload_requested = 0`)
      .run(heartbeat.screen, heartbeat.device, heartbeat.lastSeen, heartbeat.showing, heartbeat.state);
    // Keep the most recently seen devices only: a misbehaving client cannot grow the table.
    this.#db
      .prepare(`DELETE FROM screen_heartbeats WHERE screen = ? AND device NOT IN
        (SELECT device FROM screen_heartbeats WHERE screen = ? ORDER BY last_seen DESC, device LIMIT ?)`)
      .run(heartbeat.screen, heartbeat.screen, maxDevices);
    return { reload: (previous?.reload_requested ?? 0) === 1 };
  }

  getHeartbeat(screen: string, device: string): ScreenHeartbeat | null {
    const row = this.#db.prepare("SELECT * FROM screen_heartbeats WHERE screen = ? AND device = ?").get(screen, device) as HeartbeatRow | undefined;
    return row ? toHeartbeat(row) : null;
  }

  listHeartbeats(screen?: string): ScreenHeartbeat[] {
    const rows = screen === undefined
      ? this.#db.prepare("SELECT * FROM screen_heartbeats ORDER BY last_seen DESC, screen, device").all()
      : this.#db.prepare("SELECT * FROM screen_heartbeats WHERE screen = ? ORDER BY last_seen DESC, device").all(screen);
    return (rows as unknown as HeartbeatRow[]).map(toHeartbeat);
  }

  requestReload(screen: string, device: string | null): number {
    const result = device === null
      ? this.#db.prepare("UPDATE screen_heartbeats SET reload_requested = 1 WHERE screen = ?").run(screen)
      : this.#db.prepare("UPDATE screen_heartbeats SET reload_requested = 1 WHERE screen = ? AND device = ?").run(screen, device);
    return Number(result.changes);
  }

  enrolDevice(screen: string, device: string, secretHash: string): boolean {
    const result = this.#db
      .prepare("INSERT INTO screen_devices (screen, device, secret_hash, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
      .run(screen, device, secretHash, new Date().toISOString());
    return Number(result.changes) > 0;
  }

  revokeDevice(screen: string, device: string): boolean {
    this.#db.prepare("DELETE FROM screen_heartbeats WHERE screen = ? AND device = ?").run(screen, device);
    return Number(this.#db.prepare("DELETE FROM screen_devices WHERE screen = ? AND device = ?").run(screen, device).changes) > 0;
  }

  getDeviceSecretHash(screen: string, device: string): string | null {
    const row = this.#db.prepare("SELECT secret_hash FROM screen_devices WHERE screen = ? AND device = ?").get(screen, device) as { secret_hash: string } | undefined;
    return row?.secret_hash ?? null;
  }

  listDevices(screen?: string): EnrolledDevice[] {
    const rows = screen === undefined
      ? this.#db.prepare("SELECT * FROM screen_devices ORDER BY screen, device").all()
      : this.#db.prepare("SELECT * FROM screen_devices WHERE screen = ? ORDER BY device").all(screen);
    return (rows as unknown as DeviceRow[]).map(toDevice);
  }
}
