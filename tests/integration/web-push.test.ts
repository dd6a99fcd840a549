import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPushService, type PushService } from "./helpers/push-service";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// Web Push end to end on loopback: residents' browsers (the test holds their keys)
// subscribe; an emergency the council posts, and its deletion, reach each device once,
// encrypted (RFC 8291) and signed (VAPID, RFC 8292), in the post's language; a device
// its push service says is gone (410) is dropped.

let council: Council;
let app: App;
let pushService: PushService;

beforeAll(async () => {
  pushService = await startPushService();
  council = await startCouncil({ secure: true });
  app = await startApp({ certPath: council.certPath, env: { EMERGENCY_HASHTAGS: "Hochwasser" } });
  const handle = `@council@${council.host}`;
  await app.api("POST", "/api/admin/subscriptions", { handle });
  await waitFor(async () => (await (await app.api("GET", "/api/admin/subscriptions")).json()).items.some((item: { state: string }) => item.state === "accepted"), 20_000, () => `not accepted\n${app.output().slice(-2000)}`);
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await council?.stop();
  await pushService?.close();
});

const subscribe = (body: unknown) => fetch(`${app.url}/api/push/subscriptions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const settle = () => new Promise((resolve) => setTimeout(resolve, 1_500));

describe("Web Push for emergencies", () => {
  it("refuses subscriptions that are not push subscriptions, or too big", async () => {
    const device = pushService.addDevice("probe");
    expect((await subscribe({ endpoint: "ftp://push.example/x", keys: device.subscription.keys })).status).toBe(400);
    expect((await subscribe({ endpoint: device.endpoint, keys: { p256dh: "AAAA", auth: device.subscription.keys.auth } })).status).toBe(400);
    expect((await subscribe({ ...device.subscription, language: "x".repeat(5_000) })).status).toBe(413);
    expect((await fetch(`${app.url}/api/push/subscriptions`, { method: "DELETE", body: JSON.stringify({ endpoint: `${pushService.origin}/push/never` }) })).status).toBe(404);
  });

  it("sends an emergency and its cancellation once to each device, in the post's language; drops a device that is gone", async () => {
    const { publicKey } = await (await fetch(`${app.url}/api/push/key`)).json();
    expect(Buffer.from(publicKey, "base64url")).toHaveLength(65);
    const resident = pushService.addDevice("resident");
    const gone = pushService.addDevice("gone", 410);
    const visitor = pushService.addDevice("visitor");
    expect((await subscribe({ ...resident.subscription, language: "de" })).status).toBe(201);
    expect((await subscribe({ ...visitor.subscription, language: "en-GB" })).status).toBe(201);
    expect((await subscribe(gone.subscription)).status).toBe(201);

    // An ordinary post tells nobody.
    await council.control("POST", "/actors/council/posts", { content: "<p>Die Bibliothek öffnet um neun.</p>", language: "de" });
    const post = await council.control("POST", "/actors/council/posts", { content: "<p>Hochwasser an der Flussstraße. Bitte verlassen Sie den Parkplatz. #Hochwasser</p>", language: "de", tags: ["Hochwasser"] });
    await waitFor(async () => resident.received.length > 0, 20_000, () => `no push arrived; refused: ${pushService.refused.join("; ")}\n${app.output().slice(-3000)}`);
    await settle();
    expect(pushService.refused).toEqual([]);
    expect(resident.received).toHaveLength(1);
    const [emergency] = resident.received;
    expect(emergency!.message).toMatchObject({ kind: "emergency", lang: "de", title: "Notfall: Hochwasser an der Flussstraße.", body: expect.stringContaining("Bitte verlassen Sie den Parkplatz") });
    expect(emergency!.vapidKey).toBe(publicKey);
    expect(emergency!.headers).toMatchObject({ urgency: "high", ttl: "86400" });
    // The post's words, under a title in the resident's own language; one topic per announcement (≤ 32 base64url characters).
    await waitFor(async () => visitor.received.length > 0, 20_000, () => "the English-speaking device got nothing");
    expect(visitor.received[0]!.message).toMatchObject({ kind: "emergency", lang: "de", title: "Emergency: Hochwasser an der Flussstraße." });
    expect(String(emergency!.headers.topic)).toMatch(/^[A-Za-z0-9_-]{1,32}$/);
    expect(visitor.received[0]!.headers.topic).toBe(emergency!.headers.topic);
    expect(gone.requests).toBe(1);
    expect((await fetch(`${app.url}/api/push/subscriptions`, { method: "DELETE", body: JSON.stringify({ endpoint: gone.endpoint }) })).status).toBe(404);

    await council.control("DELETE", `/posts/${encodeURIComponent(post.id)}`);
    await waitFor(async () => resident.received.length > 1, 20_000, () => `no cancellation arrived\n${app.output().slice(-3000)}`);
    await settle();
    expect(resident.received.map((entry) => entry.message)).toMatchObject([
      { kind: "emergency" },
      { kind: "cancel", lang: "de", title: "Aufgehoben", body: "Hochwasser an der Flussstraße.", announcementId: emergency!.message.announcementId },
    ]);
    expect(gone.requests).toBe(1);
    // The cancellation has the alert's topic, so it replaces the alert waiting for a phone that is offline.
    expect(resident.received[1]!.headers.topic).toBe(emergency!.headers.topic);

    expect((await fetch(`${app.url}/api/push/subscriptions`, { method: "DELETE", body: JSON.stringify({ endpoint: resident.endpoint }) })).status).toBe(204);
  });
});
