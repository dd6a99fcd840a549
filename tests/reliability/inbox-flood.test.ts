import { sqliteBackend } from "./helpers/backends";
import { describeInboxFlood } from "./helpers/flood";

// The 10,000-activity inbox flood on SQLite, the default install (tests/reliability/helpers/flood.ts):
// every post stored and announced exactly once, 500 replays included. The PostgreSQL
// flood is inbox-flood-postgres.test.ts, in another lane. CRIER_FLOOD_COUNT sets the count.

describeInboxFlood(sqliteBackend(), Number(process.env.CRIER_FLOOD_COUNT ?? 10_000));
