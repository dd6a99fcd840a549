import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getLogger } from "@logtape/logtape";
import type { PostgresDatabase } from "../store/postgres-database";
import type { Store } from "../store/types";
import { getEventBus, type SequencedEvent } from "./bus";

const logger = getLogger(["crier", "events"]);
const CHANNEL = "crier_events";

// NOTIFY payloads must stay under 8000 bytes, so only ids travel; receivers load the announcement.
const envelope = { from: z.string(), seq: z.number().int().positive(), at: z.string() };
const notice = z.discriminatedUnion("type", [
  z.object({ ...envelope, type: z.enum(["announcement.created", "announcement.updated", "announcement.deleted"]), id: z.string().max(200), uri: z.string().max(4000) }),
  z.object({ ...envelope, type: z.literal("screen.changed"), screen: z.string().max(200), reload: z.boolean() }),
]);
type Notice = z.infer<typeof notice>;

/**
 * Shares live events between instances on one PostgreSQL database: what this
 * instance publishes goes out with pg_notify, and what others publish arrives on
 * this instance's bus (once: an instance ignores its own notices) with the same id,
 * so an SSE client can reconnect to any instance with its Last-Event-ID.
 */
export async function startPostgresEventRelay(db: PostgresDatabase, store: Store): Promise<void> {
  const bus = getEventBus();
  const instance = randomUUID();
  const [row] = await db.query<{ node: string }>("SELECT nextval('instance_numbers') AS node");
  let arrivals = Promise.resolve();
  await db.notifications.listen(CHANNEL, (payload) => {
    // One at a time, so events keep their order although loading an announcement is async.
    arrivals = arrivals.then(() => receiveNotice(payload, instance, store)).catch((error) =>
      logger.warn("Could not pass on an event from another instance: {error}", { error }));
  }, () => logger.warn("Live events other instances published while the connection was down were missed."));
  bus.setRelay((event) => {
    const base = { from: instance, seq: event.seq, at: event.at };
    let message: Notice;
    if (event.type === "screen.changed") message = { ...base, type: event.type, screen: event.screen, reload: event.reload };
    else if (event.type === "announcement.deleted") message = { ...base, type: event.type, id: event.id, uri: event.uri };
    else message = { ...base, type: event.type, id: event.announcement.id, uri: event.announcement.uri };
    db.notify(CHANNEL, JSON.stringify(message)).catch((error) =>
      logger.warn("Could not tell other instances about event {seq}: {error}", { seq: event.seq, error }));
  }, Number(row!.node));
}

async function receiveNotice(payload: string, instance: string, store: Store): Promise<void> {
  const parsed = notice.safeParse(JSON.parse(payload));
  if (!parsed.success) {
    logger.warn("Ignored a malformed event notice on {channel}.", { channel: CHANNEL });
    return;
  }
  if (parsed.data.from === instance) return;
  if (parsed.data.type === "screen.changed") {
    const { type, screen, reload, seq, at } = parsed.data;
    return getEventBus().receive({ type, screen, reload, seq, at });
  }
  const { seq, at, type, id, uri } = parsed.data;
  let event: SequencedEvent;
  if (type === "announcement.deleted") {
    event = { type, id, uri, seq, at };
  } else {
    const announcement = await store.getAnnouncement(id);
    if (!announcement) return; // Deleted again meanwhile; its delete notice follows.
    // A pinned one heads rotations on this instance's screens too.
    const isPinned = (await store.moderation.getControl(id))?.pinnedAt != null;
    event = { type, announcement: isPinned ? { ...announcement, pinned: true } : announcement, seq, at };
  }
  getEventBus().receive(event);
}
