import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// The server-rendered /admin page and its plain form posts: sign-in, follow,
// unfollow, and the CSRF defences (SameSite=Strict session, synchroniser token,
// Origin check).

let council: Council;
let app: App;

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields).toString();
}

async function post(pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${app.url}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: form(fields),
  });
}

/** The notice or error code the redirect after a form post carries. */
function messageOf(response: Response): string {
  const params = new URL(response.headers.get("location")!, app.url).searchParams;
  return params.get("notice") ?? params.get("error") ?? "";
}

/** The page the redirect after a form post leads to, as that session sees it. */
async function pageAfter(response: Response, cookie?: string): Promise<string> {
  const html = await (await fetch(`${app.url}${response.headers.get("location")}`, { headers: cookie ? { cookie } : {} })).text();
  return html.replaceAll("&#x27;", "'").replaceAll("&quot;", '"');
}

async function signIn(): Promise<string> {
  const response = await post("/admin/session", { token: app.token });
  expect(response.status).toBe(303);
  const cookie = response.headers.get("set-cookie")!;
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  expect(cookie).not.toContain(app.token);
  return cookie.split(";")[0]!;
}

async function getCsrf(cookie: string): Promise<string> {
  const html = await (await fetch(`${app.url}/admin`, { headers: { cookie } })).text();
  return /name="csrf" value="([^"]+)"/.exec(html)![1]!;
}

beforeAll(async () => {
  council = await startCouncil();
  app = await startApp({ certPath: council.certPath });
});

afterAll(async () => {
  await app?.stop();
  await council?.stop();
});

describe("/admin", () => {
  it("shows only a sign-in form without a session, and refuses a wrong token", async () => {
    const html = await (await fetch(`${app.url}/admin`)).text();
    expect(html).toContain('name="token"');
    expect(html).not.toContain('name="handle"');
    const wrong = await post("/admin/session", { token: "not-the-token" });
    expect(messageOf(wrong)).toBe("bad-token");
    expect(await pageAfter(wrong)).toContain("That is not the admin token.");
    expect(wrong.headers.get("set-cookie")).toBeNull();
  });

  it("follows and unfollows through plain form posts once signed in", async () => {
    const cookie = await signIn();
    const csrf = await getCsrf(cookie);
    const followed = await post("/admin/subscriptions", { csrf, handle: `@council@${council.host}` }, { cookie, origin: app.url });
    expect(followed.status).toBe(303);
    expect(messageOf(followed)).toBe("follow-sent");
    expect(await pageAfter(followed, cookie)).toContain(`Follow request sent; the account appears as “Following” once it accepts. Sent to @council@${council.host}.`);
    await waitFor(async () => (await (await fetch(`${app.url}/admin`, { headers: { cookie } })).text()).includes("Following"), 15_000, () => "never shown as Following");
    const html = await (await fetch(`${app.url}/admin`, { headers: { cookie } })).text();
    const action = /action="(\/admin\/subscriptions\/[^"]+\/delete)"/.exec(html)![1]!;
    const removed = await post(action, { csrf }, { cookie });
    expect(messageOf(removed)).toBe("unfollowed");
    const { items } = await (await app.api("GET", "/api/admin/subscriptions")).json();
    expect(items).toHaveLength(0);
  });

  it("shows a failed follow's reason on the page", async () => {
    const cookie = await signIn();
    const csrf = await getCsrf(cookie);
    const response = await post("/admin/subscriptions", { csrf, handle: "not a handle" }, { cookie });
    expect(messageOf(response)).toBe("action-failed");
    const detail = /That did not work\. not a handle: "not a handle" is not a Fediverse handle/;
    expect(await pageAfter(response, cookie)).toMatch(detail);
    // The detail is shown once, to that session only; the address alone shows the fixed sentence.
    const again = await pageAfter(response, cookie);
    expect(again).toContain("That did not work.");
    expect(again).not.toMatch(detail);
  });

  it("refuses form posts without the CSRF token, from another origin, or without a session", async () => {
    const cookie = await signIn();
    const csrf = await getCsrf(cookie);
    const attempts = [
      await post("/admin/subscriptions", { handle: "@a@example.org" }, { cookie }),
      await post("/admin/subscriptions", { csrf: "forged", handle: "@b@example.org" }, { cookie }),
      await post("/admin/subscriptions", { csrf, handle: "@c@example.org" }, { cookie, origin: "https://evil.example" }),
      await post("/admin/subscriptions", { csrf, handle: "@d@example.org" }),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(303);
      expect(messageOf(attempt)).toBe("form-refused");
    }
    const { items } = await (await app.api("GET", "/api/admin/subscriptions")).json();
    expect(items.filter((item: any) => /example\.org/.test(item.handle))).toHaveLength(0);
  });

  it("signs out", async () => {
    const cookie = await signIn();
    const csrf = await getCsrf(cookie);
    const response = await post("/admin/session", { csrf, action: "sign-out" }, { cookie });
    expect(response.headers.get("set-cookie")).toMatch(/Max-Age=0/);
  });
});
