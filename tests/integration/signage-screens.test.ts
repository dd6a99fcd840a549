import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, waitFor, type App } from "./helpers/processes";

// Screens and heartbeats over real HTTP against the built app: the admin API (bearer
// token), the /admin forms (session + CSRF), the public heartbeat routes and their
// limits, and that a screen's settings shape its feed and playlists.

let app: App;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
});

const beat = (screen: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/signage/${screen}/heartbeat`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("admin API for screens", () => {
  it("answers 401 without the token", async () => {
    expect((await fetch(`${app.url}/api/admin/screens`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/admin/screens`, { method: "POST", body: "{}" })).status).toBe(401);
    expect((await fetch(`${app.url}/api/admin/screens/default/reload`, { method: "POST" })).status).toBe(401);
  });

  it("lists default even when never saved, creates, changes, refuses bad settings, deletes", async () => {
    const list = await (await app.api("GET", "/api/admin/screens")).json();
    expect(list.items.map((screen: { name: string }) => screen.name)).toEqual(["default"]);
    const created = await app.api("POST", "/api/admin/screens", { name: "library", hashtags: ["#Library"], openingHours: "Mo-Sa 09:00-17:00", timeZone: "Europe/London" });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: "library", hashtags: ["library"], slideSeconds: null, theme: "dark", emergencyMinutes: 120 });
    expect((await app.api("POST", "/api/admin/screens", { name: "library" })).status).toBe(409);
    const changed = await app.api("PUT", "/api/admin/screens/library", { theme: "contrast", slideSeconds: 15 });
    expect(await changed.json()).toMatchObject({ theme: "contrast", slideSeconds: 15, hashtags: ["library"] });
    for (const [body, field] of [[{ openingHours: "always" }, "openingHours"], [{ theme: "pink" }, "theme"], [{ accounts: ["news"] }, "accounts"], [{ emergencyMinutes: 0 }, "emergencyMinutes"]] as const) {
      const refused = await app.api("PUT", "/api/admin/screens/library", body);
      expect(refused.status).toBe(400);
      expect((await refused.json()).error).toContain(field);
    }
    expect((await app.api("PUT", "/api/admin/screens/default", { hashtags: ["x"] })).status).toBe(400);
    expect((await app.api("POST", "/api/admin/screens", { name: "Bad Name!" })).status).toBe(400);
    expect((await app.api("DELETE", "/api/admin/screens/default")).status).toBe(409);
    expect((await fetch(`${app.url}/api/signage/library/playlist.json`)).status).toBe(200);
    expect((await fetch(`${app.url}/signage/library`)).status).toBe(200);
    expect((await app.api("DELETE", "/api/admin/screens/library")).status).toBe(204);
    expect((await fetch(`${app.url}/api/signage/library/feed.json`)).status).toBe(404);
    expect((await fetch(`${app.url}/signage/library`)).status).toBe(404);
  });
});

/** Enrols a device through the admin API; answers its secret. */
async function enrol(screen: string, device: string): Promise<string> {
  const response = await app.api("POST", `/api/admin/screens/${screen}/devices`, { device });
  expect(response.status).toBe(201);
  return (await response.json()).secret;
}

describe("heartbeats", () => {
  it("records an enrolled device, answers its watchdog, and hands over a reload once", async () => {
    const secret = await enrol("default", "lobby-pi.1");
    const auth = { authorization: `Bearer ${secret}` };
    const first = await beat("default", { device: "lobby-pi.1", showing: null, state: "rotating" }, auth);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ reload: false });
    const device = await (await fetch(`${app.url}/api/signage/default/heartbeat?device=lobby-pi.1`, { headers: auth })).json();
    expect(device).toMatchObject({ device: "lobby-pi.1", showing: null, state: "rotating", isOnline: true });
    expect(Date.now() - Date.parse(device.lastSeen)).toBeLessThan(10_000);
    const quiet = await enrol("default", "never-seen");
    expect((await (await fetch(`${app.url}/api/signage/default/heartbeat?device=never-seen`, { headers: { authorization: `Bearer ${quiet}` } })).json()).lastSeen).toBeNull();
    expect(await (await app.api("POST", "/api/admin/screens/default/reload", { device: "lobby-pi.1" })).json()).toEqual({ requested: 1 });
    expect(await (await beat("default", { device: "lobby-pi.1", showing: null, state: "closed" }, auth)).json()).toEqual({ reload: true });
    expect(await (await beat("default", { device: "lobby-pi.1", showing: null, state: "closed" }, auth)).json()).toEqual({ reload: false });
    expect((await app.api("DELETE", "/api/admin/screens/default/devices/never-seen")).status).toBe(204);
  });

  it("refuses bad devices, bodies and screens", async () => {
    expect((await beat("default", { device: "a b", showing: null, state: "rotating" })).status).toBe(400);
    expect((await beat("default", { device: "x".repeat(65), showing: null, state: "rotating" })).status).toBe(400);
    expect((await beat("default", { device: "pi", showing: null, state: "dancing" })).status).toBe(400);
    expect((await beat("default", { device: "pi", showing: null, state: "rotating", extra: 1 })).status).toBe(400);
    expect((await beat("default", "not json")).status).toBe(400);
    expect((await beat("default", { device: "pi", showing: "x".repeat(5000), state: "rotating" })).status).toBe(413);
    expect((await beat("nowhere", { device: "pi", showing: null, state: "rotating" })).status).toBe(404);
    expect((await fetch(`${app.url}/api/signage/default/heartbeat`)).status).toBe(400);
  });

  it("enrols at most 50 devices a screen, lists them without secrets, and refuses a name twice", async () => {
    await app.api("POST", "/api/admin/screens", { name: "hall" });
    for (let index = 0; index < 50; index++) await enrol("hall", `hall-${index}`);
    const over = await app.api("POST", "/api/admin/screens/hall/devices", { device: "hall-50" });
    expect(over.status).toBe(409);
    expect((await app.api("POST", "/api/admin/screens/hall/devices", { device: "hall-0" })).status).toBe(409);
    expect((await app.api("POST", "/api/admin/screens/hall/devices", { device: "a b" })).status).toBe(400);
    const listed = await (await app.api("GET", "/api/admin/screens/hall/devices")).text();
    expect(JSON.parse(listed).items).toHaveLength(50);
    expect(listed).not.toMatch(/secret/i);
    expect((await app.api("DELETE", "/api/admin/screens/hall")).status).toBe(204);
    expect((await app.api("GET", "/api/admin/screens/hall/devices")).status).toBe(404);
  });
});

describe("/admin screens forms", () => {
  it("adds, changes, reloads and deletes a screen with the session and CSRF token; refuses without them", async () => {
    const signIn = await fetch(`${app.url}/admin/session`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ token: app.token }) });
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    const html = await (await fetch(`${app.url}/admin`, { headers: { cookie } })).text();
    expect(html).toContain("Screens");
    expect(html).toMatch(/lobby-pi\.1<\/td><td>Online, closed/);
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const submit = (path: string, fields: Record<string, string>, withCookie = true) =>
      fetch(`${app.url}${path}`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", ...(withCookie ? { cookie } : {}) }, body: new URLSearchParams(fields) });
    // The redirect carries a code; the page it leads to shows the sentence (and this session's details).
    const messageOf = async (response: Response) => {
      const location = response.headers.get("location")!;
      const params = new URL(location, app.url).searchParams;
      const page = await (await fetch(`${app.url}${location}`, { headers: { cookie } })).text();
      return `${params.get("notice") ?? params.get("error") ?? ""} ${page.replaceAll("&#x27;", "'")}`;
    };
    expect(await messageOf(await submit("/admin/screens", { csrf: "wrong", mode: "create", name: "annex" }))).toMatch(/form-refused/);
    expect(await messageOf(await submit("/admin/screens", { csrf, mode: "create", name: "annex" }, false))).toMatch(/form-refused/);
    expect(await messageOf(await submit("/admin/screens", { csrf, mode: "create", name: "annex", hashtags: "#Roads #bins", emergencyHashtags: "", slideSeconds: "", orientation: "portrait", theme: "light", openingHours: "Mo-Fr 08:00-18:00", timeZone: "UTC", closedMode: "blank", emergencyMinutes: "30", accounts: "", emergencyAccounts: "" }))).toMatch(/Saved the screen.*Screen annex\./);
    expect(await (await app.api("GET", "/api/admin/screens/annex")).json()).toMatchObject({ hashtags: ["roads", "bins"], orientation: "portrait", closedMode: "blank", emergencyMinutes: 30 });
    expect(await messageOf(await submit("/admin/screens", { csrf, mode: "update", name: "annex", openingHours: "weekdays" }))).toMatch(/openingHours/);
    expect(await messageOf(await submit("/admin/screens", { csrf, mode: "update", name: "annex", theme: "contrast" }))).toMatch(/Saved/);
    expect((await (await app.api("GET", "/api/admin/screens/annex")).json()).theme).toBe("contrast");
    expect(await messageOf(await submit("/admin/screens/default/reload", { csrf }))).toMatch(/Asked 1 device/);
    expect(await messageOf(await submit("/admin/screens/annex/delete", { csrf }))).toMatch(/Deleted the screen/);
    await waitFor(async () => (await app.api("GET", "/api/admin/screens/annex")).status === 404, 2000, () => "annex still there");
  });
});
