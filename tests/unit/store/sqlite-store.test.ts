import { DatabaseSync } from "node:sqlite";
import { SqliteStore } from "../../../lib/store/sqlite-store";
import { describeArchiveLimitsContract } from "./archive-limits-contract";
import { describeStoreContract } from "./store-contract";

// A real SQLite database (in memory: same engine and SQL as the file in DATA_DIR).
const isOfficial = (handle: string) => handle.endsWith("@council.example");
describeStoreContract("SQLite", async () => new SqliteStore(new DatabaseSync(":memory:"), isOfficial));
describeArchiveLimitsContract("SQLite", async (limits) => new SqliteStore(new DatabaseSync(":memory:"), isOfficial, limits));
