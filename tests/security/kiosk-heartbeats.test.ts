import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "../integration/helpers/processes";

// Kiosk heartbeats as an attacker on the network sends them, at the built app over real
// HTTP: made-up device names, an enrolled device's name without its secret, with a wrong
// one, with another device's. Each must be refused and change nothing that the fleet
// view (/api/admin/screens, /admin) or the kiosk watchdog (GET …/heartbeat) reads; the
// enrolled device itself goes on working.

let app: App;
let secret: string;
const auth = (value: string) => ({ authorization: `Bearer ${value}` });

const beat = (device: string, headers: Record<string, string> = {}, state = "rotating") =>
  fetch(`${app.url}/api/signage/default/heartbeat`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ device, showing: null, state }),
  });

const watchdog = (device: string, headers: Record<string, string> = {}) => fetch(`${app.url}/api/signage/default/heartbeat?device=${device}`, { headers });

/** What the fleet view shows for the default screen. */
async function fleet() {
  const { items } = await (await app.api("GET", "/api/admin/screens")).json();
  return items.find((screen: { name: string }) => screen.name === "default");
}

async function adminPage(): Promise<string> {
  const signIn = await fetch(`${app.url}/admin/session`, { method: "POST", redirect: "manual", body: new URLSearchParams({ token: app.token }) });
  const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
  return (await (await fetch(`${app.url}/admin`, { headers: { cookie } })).text()).replaceAll("<!-- -->", "");
}

beforeAll(async () => {
  app = await startApp();
  const enrolled = await app.api("POST", "/api/admin/screens/default/devices", { device: "lobby-pi" });
  expect(enrolled.status).toBe(201);
  secret = (await enrolled.json()).secret;
  expect(secret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  expect((await beat("lobby-pi", auth(secret))).status).toBe(200);
});

afterAll(async () => {
  await app?.stop();
});

describe("unenrolled devices", () => {
  it("are refused with a one-sentence reason, change nothing the fleet view or watchdog reads, and are named in /admin", async () => {
    const before = await fleet();
    const refused = await beat("hall-pi", {}, "closed");
    expect(refused.status).toBe(401);
    expect((await refused.json()).error).toMatch(/^Device "hall-pi" is not enrolled for screen "default": add it under Screens in \/admin/);
    const asked = await watchdog("hall-pi");
    expect(asked.status).toBe(401);
    expect(JSON.stringify(await asked.json())).not.toContain("lastSeen");
    const after = await fleet();
    expect(after.devices).toEqual(before.devices.map((device: object) => ({ ...device, isOnline: true })));
    expect(after.devices.map((device: { device: string }) => device.device)).toEqual(["lobby-pi"]);
    expect(after.unenrolled).toContain("hall-pi");
    expect(await adminPage()).toContain("A device named hall-pi is sending heartbeats without a secret: enrol it");
  });

  it("50 made-up names, with and without made-up secrets, evict nothing and are remembered only up to a bound", async () => {
    const watched = await (await watchdog("lobby-pi", auth(secret))).json();
    for (let index = 0; index < 50; index++) {
      const headers = index % 2 ? auth(`made-up-secret-${index}-xxxxxxxxxxxx`) : {};
      expect((await beat(`flood-${index}`, headers, "closed")).status).toBe(401);
    }
    const after = await fleet();
    expect(after.devices.map((device: { device: string }) => device.device)).toEqual(["lobby-pi"]);
    expect(after.devices[0]).toMatchObject({ isOnline: true, state: "rotating", lastSeen: watched.lastSeen });
    expect(after.unenrolled.length).toBeLessThanOrEqual(20);
    expect(after.unenrolled[0]).toBe("flood-49");
    expect(await (await watchdog("lobby-pi", auth(secret))).json()).toEqual(watched);
  });
});

describe("an enrolled device's name without its secret", () => {
  it("neither receives nor clears the reload flag, nor moves what the watchdog sees; the device itself does", async () => {
    const other = (await (await app.api("POST", "/api/admin/screens/default/devices", { device: "annex-pi" })).json()).secret;
    const watched = await (await watchdog("lobby-pi", auth(secret))).json();
    expect(await (await app.api("POST", "/api/admin/screens/default/reload", { device: "lobby-pi" })).json()).toEqual({ requested: 1 });
    for (const headers of [{}, auth("x".repeat(43)), auth(other), auth(`${secret}x`), auth(secret.slice(0, -1)), { authorization: secret }, { authorization: `Basic ${secret}` }]) {
      const forged = await beat("lobby-pi", headers, "closed");
      expect(forged.status).toBe(401);
      const body = await forged.json();
      expect(body).not.toHaveProperty("reload");
      expect(body.error).toMatch(/secret for device "lobby-pi" is missing or wrong/);
      expect((await watchdog("lobby-pi", headers)).status).toBe(401);
    }
    expect(await (await watchdog("lobby-pi", auth(secret))).json()).toEqual(watched);
    expect((await fleet()).unenrolled).not.toContain("lobby-pi");
    // The real device gets its reload, once.
    expect(await (await beat("lobby-pi", auth(secret))).json()).toEqual({ reload: true });
    expect(await (await beat("lobby-pi", auth(secret))).json()).toEqual({ reload: false });
  });

  it("a revoked device's secret stops working at once, and enrolling the name again issues a new one", async () => {
    const old = (await (await app.api("POST", "/api/admin/screens/default/devices", { device: "spare-pi" })).json()).secret;
    expect((await beat("spare-pi", auth(old))).status).toBe(200);
    expect((await app.api("DELETE", "/api/admin/screens/default/devices/spare-pi")).status).toBe(204);
    expect((await beat("spare-pi", auth(old))).status).toBe(401);
    expect((await fleet()).devices.map((device: { device: string }) => device.device)).not.toContain("spare-pi");
    const renewed = (await (await app.api("POST", "/api/admin/screens/default/devices", { device: "spare-pi" })).json()).secret;
    expect(renewed).not.toBe(old);
    expect((await beat("spare-pi", auth(old))).status).toBe(401);
    expect((await beat("spare-pi", auth(renewed))).status).toBe(200);
  });

  it("enrolment and revocation need the admin token", async () => {
    expect((await fetch(`${app.url}/api/admin/screens/default/devices`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"device":"evil"}' })).status).toBe(401);
    expect((await fetch(`${app.url}/api/admin/screens/default/devices/lobby-pi`, { method: "DELETE" })).status).toBe(401);
    expect((await fetch(`${app.url}/api/admin/screens/default/devices`)).status).toBe(401);
    expect((await beat("lobby-pi", auth(secret))).status).toBe(200);
  });
});
