import pg from "pg";
import { getLogger } from "@logtape/logtape";

const logger = getLogger(["crier", "postgres"]);
const RECONNECT_MS = 1_000;

type Handler = (payload: string) => void;

/**
 * LISTEN on one dedicated connection (a pooled one would be handed to other
 * queries), shared by everything in the process that waits for NOTIFY: queue
 * wake-ups and live events from other instances. Reconnects after a failure and
 * tells each channel, since notifications sent meanwhile are lost.
 */
export class PostgresNotifications {
  readonly #url: string;
  readonly #handlers = new Map<string, Set<Handler>>();
  readonly #reconnectHandlers = new Set<() => void>();
  #client: pg.Client | null = null;
  #connecting: Promise<pg.Client> | null = null;
  #isClosed = false;

  constructor(url: string) {
    this.#url = url;
  }

  /** Whether the listening connection is up (notifications sent while it is down are lost). */
  get isListening(): boolean {
    return this.#client !== null;
  }

  /** Calls `handler` with each payload on `channel`; resolves once listening, to the function that stops. */
  async listen(channel: string, handler: Handler, onReconnect?: () => void): Promise<() => void> {
    let handlers = this.#handlers.get(channel);
    const isNewChannel = !handlers;
    if (!handlers) this.#handlers.set(channel, (handlers = new Set()));
    handlers.add(handler);
    if (onReconnect) this.#reconnectHandlers.add(onReconnect);
    const client = await this.#connect();
    if (isNewChannel) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    return () => {
      handlers.delete(handler);
      if (onReconnect) this.#reconnectHandlers.delete(onReconnect);
    };
  }

  /** Closes the listening connection for good. */
  async close(): Promise<void> {
    this.#isClosed = true;
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => {});
  }

  #connect(): Promise<pg.Client> {
    if (this.#client) return Promise.resolve(this.#client);
    this.#connecting ??= this.#open().finally(() => (this.#connecting = null));
    return this.#connecting;
  }

  async #open(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.#url, application_name: "crier-listen" });
    client.on("notification", (message) => {
      for (const handler of this.#handlers.get(message.channel) ?? []) {
        try {
          handler(message.payload ?? "");
        } catch (error) {
          logger.error("A notification handler on {channel} failed: {error}", { channel: message.channel, error });
        }
      }
    });
    client.on("error", (error) => this.#onLost(client, error));
    client.on("end", () => this.#onLost(client, null));
    await client.connect();
    for (const channel of this.#handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    this.#client = client;
    return client;
  }

  #onLost(client: pg.Client, error: Error | null) {
    if (this.#client !== client || this.#isClosed) return;
    this.#client = null;
    logger.warn("Lost the PostgreSQL connection that listens for notifications ({error}); reconnecting.", { error: error?.message ?? "closed" });
    const retry = () => {
      if (this.#isClosed) return;
      this.#connect().then(
        () => this.#reconnectHandlers.forEach((handler) => handler()),
        () => setTimeout(retry, RECONNECT_MS).unref?.(),
      );
    };
    setTimeout(retry, RECONNECT_MS).unref?.();
  }
}
