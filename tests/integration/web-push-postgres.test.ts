import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPostgres, whyNoPostgres, type TestPostgres } from "../setup/postgres";
import { startPushService, type Device, type PushService } from "./helpers/push-service";
import { getFreePort, startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// Two instances on one PostgreSQL database, both working the queue and both watching
// for emergencies: each device still gets each emergency, and its cancellation, once,
// also when an emergency list changed on the other instance.

const skipReason = whyNoPostgres();
if (skipReason) console.warn(`Skipping the Web Push PostgreSQL test: ${skipReason}.`);

let postgres: TestPostgres;
let council: Council;
let pushService: PushService;
let apps: App[] = [];

describe.skipIf(skipReason !== null)("Web Push with two instances on PostgreSQL", () => {
  beforeAll(async () => {
    postgres = await startTestPostgres();
    pushService = await startPushService();
    council = await startCouncil({ secure: true });
    const port = await getFreePort();
    // One public address (A's): the council delivers there; B shares the database and the queue.
    const shared = { DATABASE_URL: await postgres.createDatabase(), PUBLIC_URL: `http://127.0.0.1:${port}`, ADMIN_TOKEN: randomBytes(24).toString("base64url"), EMERGENCY_HASHTAGS: "Flood" };
    apps = await Promise.all([startApp({ port, certPath: council.certPath, env: shared }), startApp({ certPath: council.certPath, env: shared })]);
    await apps[0]!.api("POST", "/api/admin/subscriptions", { handle: `@council@${council.host}` });
    await waitFor(async () => (await (await apps[0]!.api("GET", "/api/admin/subscriptions")).json()).items.some((item: { state: string }) => item.state === "accepted"), 20_000, () => `not accepted\n${apps[0]!.output().slice(-2000)}`);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop()));
    await council?.stop();
    await pushService?.close();
    await postgres?.stop();
  });

  it("sends each emergency and its cancellation once per device, whichever instance works the task", async () => {
    const devices: Device[] = [];
    for (let index = 0; index < 8; index++) {
      const device = pushService.addDevice(`device-${index}`);
      devices.push(device);
      // Subscribed through either instance.
      const response = await fetch(`${apps[index % 2]!.url}/api/push/subscriptions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...device.subscription, language: "en" }) });
      expect(response.status).toBe(201);
    }
    const post = await council.control("POST", "/actors/council/posts", { content: "<p>Flood on Quay Street. Keep away. #Flood</p>", language: "en", tags: ["Flood"] });
    await waitFor(async () => devices.every((device) => device.received.length >= 1), 20_000, () => `not every device got the push: ${devices.map((d) => d.received.length)}; refused ${pushService.refused}\n${apps[0]!.output().slice(-2000)}\n${apps[1]!.output().slice(-2000)}`);
    await council.control("DELETE", `/posts/${encodeURIComponent(post.id)}`);
    await waitFor(async () => devices.every((device) => device.received.length >= 2), 20_000, () => `not every device got the cancellation: ${devices.map((d) => d.received.length)}`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(pushService.refused).toEqual([]);
    for (const device of devices) expect(device.received.map((entry) => entry.message.kind)).toEqual(["emergency", "cancel"]);
  });

  it("an account added to the emergency list on one instance turns its stored post into an emergency on the other at once, pushed once", async () => {
    const [a, b] = apps as [App, App];
    const handle = `@council@${council.host}`;
    const post = await council.control("POST", "/actors/council/posts", { content: "<p>The library opens late on Friday.</p>", language: "en" });
    const stored = await waitFor(async () => (await (await fetch(`${a.url}/api/announcements`)).json()).items.find((item: { uri: string }) => item.uri === post.id), 20_000, () => "the post never arrived");
    expect(stored.priority).toBe("normal");
    const device = pushService.addDevice("list-device");
    expect((await fetch(`${a.url}/api/push/subscriptions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ...device.subscription, language: "en" }) })).status).toBe(201);
    const priorityOn = async (app: App, query: string) => (await (await fetch(`${app.url}/api/announcements${query}`)).json()).items.find((item: { id: string }) => item.id === stored.id)?.priority;

    expect((await b.api("PUT", "/api/admin/emergencies", { accounts: [handle] })).status).toBe(200);
    // A read no cache has answered yet sees the change on A straight away: no instance keeps its own copy of the lists.
    expect(await priorityOn(a, `?account=${encodeURIComponent(handle)}&limit=37`)).toBe("emergency");
    // What A had cached is emptied by the update B announced (relayed by PostgreSQL), as any edit is.
    await waitFor(async () => (await priorityOn(a, "")) === "emergency", 5_000, () => "A kept the old priority");
    expect(await (await a.api("GET", "/api/admin/emergencies")).json()).toMatchObject({ accounts: [handle], settings: { hashtags: ["flood"] }, effective: { accounts: [handle], hashtags: ["flood"] } });
    await waitFor(async () => device.received.length >= 1, 20_000, () => `no push for the listed account's post\n${b.output().slice(-2000)}`);

    expect((await a.api("PUT", "/api/admin/emergencies", { accounts: [] })).status).toBe(200);
    expect(await priorityOn(b, `?account=${encodeURIComponent(handle)}&limit=38`)).toBe("normal");
    await waitFor(async () => device.received.length >= 2, 20_000, () => "no cancellation when the account left the list");
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(device.received.map((entry) => [entry.message.kind, entry.message.announcementId])).toEqual([["emergency", stored.id], ["cancel", stored.id]]);
  });
});
