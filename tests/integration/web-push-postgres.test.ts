import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestPostgres, whyNoPostgres, type TestPostgres } from "../setup/postgres";
import { startPushService, type Device, type PushService } from "./helpers/push-service";
import { getFreePort, startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// Two instances on one PostgreSQL database, both working the queue and both watching
// for emergencies: each device still gets each emergency, and its cancellation, once.

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
});
