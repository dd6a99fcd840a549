import { DatabaseSync } from "node:sqlite";
import { SqliteStore } from "../../../lib/store/sqlite-store";
import { describeStoreContract } from "./store-contract";

// A real SQLite database (in memory: same engine and SQL as the file in DATA_DIR).
describeStoreContract("SQLite", async () => new SqliteStore(new DatabaseSync(":memory:"), (handle) => handle.endsWith("@council.example")));
