import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// The one integration test `npm run test:quick` runs: the path everything else depends
// on, end to end over real HTTP. The built app follows the demo council by handle, the
// follow is accepted, and a post the council publishes afterwards is delivered to the
// app's inbox and shows up in its public API and on its front page.

let council: Council;
let app: App;

beforeAll(async () => {
  council = await startCouncil({ secure: true });
  app = await startApp({ certPath: council.certPath });
});

afterAll(async () => {
  await app?.stop();
  await council?.stop();
});

const logs = () => `\n--- app log ---\n${app.output().slice(-3000)}\n--- council log ---\n${council.output().slice(-2000)}`;

describe("smoke: follow the demo council and see a post arrive", () => {
  it("follows by handle, gets accepted, and shows a post delivered afterwards", async () => {
    const handle = `@council@${council.host}`;
    expect((await app.api("POST", "/api/admin/subscriptions", { handle })).status).toBeLessThan(300);
    await waitFor(async () => {
      const { items } = await (await app.api("GET", "/api/admin/subscriptions")).json();
      return items.find((item: { handle: string; state: string }) => item.handle === handle && item.state === "accepted");
    }, 15_000, () => `the follow was never accepted${logs()}`);

    const post = await council.control("POST", "/actors/council/posts", { content: "<p>Smoke test: the ferry runs every hour today.</p>", language: "en" });
    const arrived = await waitFor(async () => {
      const { items } = await (await fetch(`${app.url}/api/announcements?limit=100`)).json();
      return items.find((item: { uri: string }) => item.uri === post.id);
    }, 15_000, () => `the post never arrived${logs()}`);
    expect(arrived.text).toBe("Smoke test: the ferry runs every hour today.");
    expect(await (await fetch(`${app.url}/`)).text()).toContain("the ferry runs every hour today");
  });
});
