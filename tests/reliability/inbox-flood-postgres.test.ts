import { describe, it } from "vitest";
import { openPostgresBackend } from "./helpers/backends";
import { describeInboxFlood } from "./helpers/flood";

// The inbox flood on PostgreSQL (tests/reliability/helpers/flood.ts): 2,500 activities,
// whose queue the contract suite and the kill tests also cover (signing and delivering
// 10,000 more took a loaded 2-core machine over ten minutes). It runs in the reliability
// lane, beside the SQLite flood's own lane. CRIER_FLOOD_COUNT sets the count.

const backend = await openPostgresBackend();
if (backend) describeInboxFlood(backend, Number(process.env.CRIER_FLOOD_COUNT ?? 2_500));
else describe("inbox flood on postgres", () => it.skip("needs PostgreSQL (the warning above says why)", () => {}));
