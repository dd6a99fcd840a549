import type { EnrolledDevice, ScreenConfig, ScreenHeartbeat, StoredScreen } from "../signage/types";
import { toDevice, toHeartbeat, toScreen, type DeviceRow, type HeartbeatRow, type ScreenRow } from "./screen-rows";
import { withoutNul, type PostgresDatabase } from "./postgres-database";

// The signage part of the PostgreSQL store: screens (config as JSON text), enrolled devices and their heartbeats.

/** Screens and heartbeats in the shared PostgreSQL database: any instance can serve any kiosk. */
export class PostgresScreens {
  readonly #db: PostgresDatabase;

  constructor(db: PostgresDatabase) {
    this.#db = db;
  }

  async list(): Promise<StoredScreen[]> {
    return (await this.#db.query<ScreenRow>("SELECT * FROM screens ORDER BY name")).map(toScreen);
  }

  async get(name: string): Promise<StoredScreen | null> {
    const [row] = await this.#db.query<ScreenRow>("SELECT * FROM screens WHERE name = $1", [name]);
    return row ? toScreen(row) : null;
  }

  async put(config: ScreenConfig): Promise<StoredScreen> {
    const now = new Date().toISOString();
    const [row] = await this.#db.query<ScreenRow>(
      `INSERT INTO screens (name, config, created_at, updated_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (name) DO UPDATE SET config = excluded.config, updated_at = excluded.updated_at RETURNING *`,
      [withoutNul(config.name), withoutNul(JSON.stringify(config)), now],
    );
    return toScreen(row!);
  }

  async delete(name: string): Promise<boolean> {
    return this.#db.transaction(async (client) => {
      await client.query("DELETE FROM screen_heartbeats WHERE screen = $1", [name]);
      await client.query("DELETE FROM screen_devices WHERE screen = $1", [name]);
      return ((await client.query("DELETE FROM screens WHERE name = $1", [name])).rowCount ?? 0) > 0;
    });
  }

  async recordHeartbeat(heartbeat: ScreenHeartbeat, maxDevices: number): Promise<{ reload: boolean }> {
    const screen = withoutNul(heartbeat.screen);
    const device = withoutNul(heartbeat.device);
    return this.#db.transaction(async (client) => {
      // One screen's heartbeats at a time, so trimming to maxDevices cannot race another instance's.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('screen:' || $1))", [screen]);
      const previous = (await client.query<{ reload_requested: boolean }>(
        "SELECT reload_requested FROM screen_heartbeats WHERE screen = $1 AND device = $2", [screen, device])).rows[0];
      await client.query(
        `INSERT INTO screen_heartbeats (screen, device, last_seen, showing, state, reload_requested) VALUES ($1, $2, $3, $4, $5, false)
         ON CONFLICT (screen, device) DO UPDATE SET last_seen = excluded.last_seen, showing = excluded.showing,
           state = excluded.state, reload_requested = false`,
        [screen, device, heartbeat.lastSeen, withoutNul(heartbeat.showing), heartbeat.state],
      );
      // Keep the most recently seen devices only: a misbehaving client cannot grow the table.
      await client.query(
        `DELETE FROM screen_heartbeats WHERE screen = $1 AND device NOT IN
           (SELECT device FROM screen_heartbeats WHERE screen = $1 ORDER BY last_seen DESC, device LIMIT $2)`,
        [screen, maxDevices],
      );
      return { reload: previous?.reload_requested === true };
    });
  }

  async getHeartbeat(screen: string, device: string): Promise<ScreenHeartbeat | null> {
    const [row] = await this.#db.query<HeartbeatRow>("SELECT * FROM screen_heartbeats WHERE screen = $1 AND device = $2", [screen, device]);
    return row ? toHeartbeat(row) : null;
  }

  async listHeartbeats(screen?: string): Promise<ScreenHeartbeat[]> {
    const rows = screen === undefined
      ? await this.#db.query<HeartbeatRow>("SELECT * FROM screen_heartbeats ORDER BY last_seen DESC, screen, device")
      : await this.#db.query<HeartbeatRow>("SELECT * FROM screen_heartbeats WHERE screen = $1 ORDER BY last_seen DESC, device", [screen]);
    return rows.map(toHeartbeat);
  }

  async requestReload(screen: string, device: string | null): Promise<number> {
    const rows = device === null
      ? await this.#db.query("UPDATE screen_heartbeats SET reload_requested = true WHERE screen = $1 RETURNING device", [screen])
      : await this.#db.query("UPDATE screen_heartbeats SET reload_requested = true WHERE screen = $1 AND device = $2 RETURNING device", [screen, device]);
    return rows.length;
  }

  async enrolDevice(screen: string, device: string, secretHash: string): Promise<boolean> {
    const rows = await this.#db.query(
      "INSERT INTO screen_devices (screen, device, secret_hash, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING device",
      [screen, device, secretHash, new Date().toISOString()],
    );
    return rows.length > 0;
  }

  async revokeDevice(screen: string, device: string): Promise<boolean> {
    return this.#db.transaction(async (client) => {
      await client.query("DELETE FROM screen_heartbeats WHERE screen = $1 AND device = $2", [screen, device]);
      return ((await client.query("DELETE FROM screen_devices WHERE screen = $1 AND device = $2", [screen, device])).rowCount ?? 0) > 0;
    });
  }

  async getDeviceSecretHash(screen: string, device: string): Promise<string | null> {
    const [row] = await this.#db.query<{ secret_hash: string }>("SELECT secret_hash FROM screen_devices WHERE screen = $1 AND device = $2", [screen, device]);
    return row?.secret_hash ?? null;
  }

  async listDevices(screen?: string): Promise<EnrolledDevice[]> {
    const rows = screen === undefined
      ? await this.#db.query<DeviceRow>("SELECT * FROM screen_devices ORDER BY screen, device")
      : await this.#db.query<DeviceRow>("SELECT * FROM screen_devices WHERE screen = $1 ORDER BY device", [screen]);
    return rows.map(toDevice);
  }
}
