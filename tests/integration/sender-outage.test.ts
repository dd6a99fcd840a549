import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { followAndWait } from "../reliability/helpers/instances";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// The trust check fetches the sender's actor document and key. When the council's
// server fails for a moment (503 to every request it receives) while it still sends,
// its deliveries must still be believed on what its server said before, also after
// Crier restarted (the last answers are kept in the database, not only in memory).

let council: Council;
let app: App;

async function isStored(uri: string): Promise<boolean> {
  const { items } = await (await fetch(`${app.url}/api/announcements?limit=50`)).json();
  return items.some((item: { uri: string }) => item.uri === uri);
}

beforeAll(async () => {
  council = await startCouncil();
  app = await startApp({ certPath: council.certPath });
  await followAndWait(app.url, app.token, `@council@${council.host}`);
  const first = await council.control("POST", "/actors/council/posts", { content: "Before the outage." });
  await waitFor(() => isStored(first.id), 15_000, () => "the first post did not arrive");
});

afterAll(async () => {
  await council?.control("POST", "/faults", { mode: "none" }).catch(() => {});
  await app?.stop();
  await council?.stop();
});

describe("a sender whose server is briefly failing", () => {
  it("is still believed after Crier restarts, on what its server said before", async () => {
    await app.stop();
    app = await startApp({ certPath: council.certPath, dataDir: app.dataDir, port: app.port });
    await council.control("POST", "/faults", { mode: "down" });
    const during = await council.control("POST", "/actors/council/posts", { content: "During the outage: the bridge is closed." });
    expect(during.delivered, JSON.stringify(during.delivered)).toEqual([expect.objectContaining({ ok: true })]);
    await waitFor(() => isStored(during.id), 15_000, () => `the post sent during the outage was not stored:\n${app.output().slice(-2000)}`);
  });
});
