import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFreePort, startApp, startAppExpectingExit, startCouncil, type App, type Council } from "./helpers/processes";

let council: Council;
let app: App;

beforeAll(async () => {
  council = await startCouncil();
  app = await startApp({ certPath: council.certPath, env: { ALLOW_PRIVATE_ADDRESS: "false" } });
});

afterAll(async () => {
  await app?.stop();
  await council?.stop();
});

describe("private addresses", () => {
  it("refuses to follow an account on a loopback address unless ALLOW_PRIVATE_ADDRESS=true", async () => {
    const response = await app.api("POST", "/api/admin/subscriptions", { handle: `@council@${council.host}` });
    const subscription = await response.json();
    expect(subscription.state).toBe("error");
    expect(subscription.reason).toMatch(/private or loopback address/);
    const byUrl = await (await app.api("POST", "/api/admin/subscriptions", { handle: `${council.origin}/users/council` })).json();
    expect(byUrl.state).toBe("error");
    expect(byUrl.reason).toMatch(/private or loopback address/);
    const followers = await council.control("GET", "/actors/council/followers");
    expect(followers.items).toHaveLength(0);
  });
});

describe("environment validation", () => {

  it("stops start-up with one sentence naming the bad variable", async () => {
    const { code, output } = await startAppExpectingExit({ ALLOW_PRIVATE_ADDRESS: "maybe" });
    expect(code).toBe(1);
    expect(output).toContain('Crier cannot start: ALLOW_PRIVATE_ADDRESS must be true or false, not "maybe".');
  });

  it("stops start-up with one sentence on a time zone it does not know", async () => {
    const { code, output } = await startAppExpectingExit({ TIME_ZONE: "Europe/Atlantis" });
    expect(code).toBe(1);
    expect(output).toContain("Crier cannot start: TIME_ZONE must be an IANA time zone name such as Europe/London or Pacific/Auckland.");
  });

  it("stops start-up with one sentence when the PostgreSQL in DATABASE_URL does not answer", async () => {
    const closedPort = await getFreePort();
    const { code, output } = await startAppExpectingExit({ DATABASE_URL: `postgres://crier:secret@127.0.0.1:${closedPort}/crier` });
    expect(code).toBe(1);
    expect(output).toContain(`Crier cannot start: the PostgreSQL database in DATABASE_URL (at 127.0.0.1:${closedPort}) is not usable:`);
    expect(output).not.toContain("secret");
  });
});

describe("TIME_ZONE", () => {
  it("writes dates in the council's zone on the reader pages, and starts screens in it", async () => {
    const local = await startApp({ certPath: council.certPath, env: { TIME_ZONE: "Pacific/Auckland" } });
    try {
      await local.api("POST", "/api/admin/subscriptions", { handle: `@council@${council.host}` });
      // 11:30 UTC is 00:30 the next day in Auckland (UTC+13 in November).
      await council.control("POST", "/actors/council/posts", { content: "<p>The night bus runs late tonight.</p>", language: "en", published: "2026-11-20T11:30:00.000Z" });
      let page = "";
      for (let attempt = 0; attempt < 100 && !page.includes("night bus"); attempt++) {
        page = await (await fetch(`${local.url}/`, { headers: { "accept-language": "en" } })).text();
        if (!page.includes("night bus")) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(page).toContain("Times are New Zealand Time.");
      expect(page).toContain("Saturday, 21 November 2026 at 00:30 GMT+13");
      const feed = await (await fetch(`${local.url}/api/signage/default/feed.json`)).json();
      expect(feed.screen.timeZone).toBe("Pacific/Auckland");
    } finally {
      await local.stop();
    }
  });
});
