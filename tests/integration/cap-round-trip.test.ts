import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectValidCap } from "../unit/cap/helpers/validate-cap";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// CAP out and in over real HTTP: Crier A follows the demo council and publishes its
// emergencies as CAP; Crier B follows A's /cap/alerts.atom as a CAP source. An emergency
// the council posts reaches B's signage as an emergency, an edit replaces it there, a
// delete removes it; every CAP document A serves on the way is valid CAP 1.2.

let council: Council;
let publisher: App;
let follower: App;

beforeAll(async () => {
  council = await startCouncil({ secure: true });
  [publisher, follower] = await Promise.all([
    startApp({ certPath: council.certPath, env: { EMERGENCY_HASHTAGS: "Flood", CAP_AREA: "Riverside ward" } }),
    startApp({ env: { CAP_POLL_SECONDS: "1" } }),
  ]);
}, 120_000);

afterAll(async () => {
  await Promise.all([publisher?.stop(), follower?.stop()]);
  await council?.stop();
});

const logs = () => `\n--- publisher ---\n${publisher.output().slice(-2500)}\n--- follower ---\n${follower.output().slice(-2500)}`;

interface FeedItem { id: string; uri: string; text: string; priority: string; account: { handle: string; name: string } }
const screenItems = async (app: App): Promise<FeedItem[]> => (await (await fetch(`${app.url}/api/signage/default/feed.json`)).json()).items;
const capOf = async (url: string) => {
  const response = await fetch(url);
  expect(response.headers.get("content-type")).toContain("application/cap+xml");
  const xml = await response.text();
  expectValidCap(xml);
  return xml;
};

describe("CAP round trip between two Criers", () => {
  it("refuses a bad source and a request without the admin token", async () => {
    expect((await fetch(`${follower.url}/api/admin/sources`, { method: "POST", body: "{}" })).status).toBe(401);
    const bad = await follower.api("POST", "/api/admin/sources", { kind: "cap", url: "ftp://example.org/cap", name: "x" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/url must be an http/);
    expect((await follower.api("POST", "/api/admin/sources", { kind: "rss", url: "https://example.org/", name: "x" })).status).toBe(400);
  });

  it("an emergency posted at the council reaches the other Crier's screen; an edit replaces it; a delete removes it", async () => {
    const handle = `@council@${council.host}`;
    expect((await publisher.api("POST", "/api/admin/subscriptions", { handle })).status).toBeLessThan(300);
    await waitFor(async () => (await (await publisher.api("GET", "/api/admin/subscriptions")).json()).items.some((item: { state: string }) => item.state === "accepted"), 20_000, () => `not accepted${logs()}`);
    const created = await follower.api("POST", "/api/admin/sources", { kind: "cap", url: `${publisher.url}/cap/alerts.atom`, name: "Riverside Crier", minSeverity: "Severe" });
    expect(created.status).toBe(201);
    const source = await created.json();
    expect((await follower.api("POST", "/api/admin/sources", { kind: "cap", url: `${publisher.url}/cap/alerts.atom`, name: "again" })).status).toBe(409);

    // Before any emergency: an empty index, and no alert for the screen.
    expect((await fetch(`${publisher.url}/api/signage/default/cap.xml`)).status).toBe(204);

    const post = await council.control("POST", "/actors/council/posts", { content: "<p>River Road is flooding. Leave the riverside car park now. #Flood</p>", language: "en", tags: ["Flood"] });
    const published = await waitFor(async () => (await screenItems(publisher)).find((item) => item.uri === post.id), 20_000, () => `never reached the publisher${logs()}`);
    expect(published.priority).toBe("emergency");
    const listed = (await (await fetch(`${publisher.url}/api/announcements?limit=10`)).json()).items.find((item: FeedItem) => item.uri === post.id);
    expect(listed.priority).toBe("emergency");

    const index = await fetch(`${publisher.url}/cap/alerts.atom`);
    const etag = index.headers.get("etag");
    expect(etag).toBeTruthy();
    expect(await index.text()).toContain(`/cap/alerts/${published.id}.xml`);
    expect((await fetch(`${publisher.url}/cap/alerts.atom`, { headers: { "if-none-match": etag! } })).status).toBe(304);
    const alert = await capOf(`${publisher.url}/cap/alerts/${published.id}.xml`);
    expect(alert).toContain("<msgType>Alert</msgType>");
    expect(alert).toContain("<areaDesc>Riverside ward</areaDesc>");
    expect(await capOf(`${publisher.url}/api/signage/default/cap.xml`)).toBe(alert);

    const arrived = await waitFor(async () => (await screenItems(follower)).find((item) => item.text.includes("River Road is flooding")), 20_000, () => `never reached the follower${logs()}`);
    expect(arrived).toMatchObject({ priority: "emergency", account: { name: "Riverside Crier", handle: "@riverside_crier@127.0.0.1" } });

    await council.control("PATCH", `/posts/${encodeURIComponent(post.id)}`, { content: "<p>River Road is closed. The water is still rising. #Flood</p>", tags: ["Flood"] });
    await waitFor(async () => (await screenItems(follower)).some((item) => item.text.includes("River Road is closed")), 20_000, () => `the edit never reached the follower${logs()}`);
    const afterEdit = (await screenItems(follower)).filter((item) => item.text.includes("River Road"));
    expect(afterEdit).toHaveLength(1);
    expect(afterEdit[0]).toMatchObject({ id: arrived.id, priority: "emergency" });
    const update = await capOf(`${publisher.url}/cap/alerts/${published.id}.xml`);
    expect(update).toContain("<msgType>Update</msgType>");
    expect(update).toMatch(/<references>[^<]*crier-[^<]*-1,[^<]*<\/references>/);

    await council.control("DELETE", `/posts/${encodeURIComponent(post.id)}`);
    await waitFor(async () => !(await screenItems(follower)).some((item) => item.text.includes("River Road")), 20_000, () => `the delete never reached the follower${logs()}`);
    const cancel = await capOf(`${publisher.url}/cap/alerts/${published.id}.xml`);
    expect(cancel).toContain("<msgType>Cancel</msgType>");
    expect((await fetch(`${publisher.url}/api/signage/default/cap.xml`)).status).toBe(204);

    const sources = (await (await follower.api("GET", "/api/admin/sources")).json()).items;
    expect(sources).toMatchObject([{ id: source.id, state: "ok", paused: false }]);
    expect((await follower.api("PATCH", `/api/admin/sources/${source.id}`, { paused: true })).status).toBe(200);
    expect((await follower.api("DELETE", `/api/admin/sources/${source.id}`)).status).toBe(204);
    expect((await follower.api("DELETE", `/api/admin/sources/${source.id}`)).status).toBe(404);
  });
});
