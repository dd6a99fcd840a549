import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type App } from "../integration/helpers/processes";

// The admin console as an attacker meets it, at the built app over real HTTP: a cookie
// copied before sign-out, made-up cookies, guessing the token (throttled per address and
// in total), and /admin?error=… links that try to put words on the operator's screen.

let app: App;

/**
 * Posts a form from a real loopback source address (127.0.0.0/8 is all ours), as a client
 * at that address would: the app counts sign-ins by the connection's address. `headers`
 * may add what an attacker sends, such as a made-up X-Forwarded-For.
 */
function form(pathname: string, fields: Record<string, string>, from = "127.0.0.1", headers: Record<string, string> = {}): Promise<Response> {
  const body = new URLSearchParams(fields).toString();
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${app.url}${pathname}`, {
      method: "POST",
      localAddress: from,
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(Buffer.byteLength(body)), ...headers },
    }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, item);
        }
        resolve(new Response(Buffer.concat(chunks), { status: response.statusCode, headers: responseHeaders }));
      });
    });
    request.on("error", reject);
    request.end(body);
  });
}

const codeOf = (response: Response) => {
  const params = new URL(response.headers.get("location")!, app.url).searchParams;
  return params.get("notice") ?? params.get("error");
};

async function signIn(address: string): Promise<string> {
  const response = await form("/admin/session", { token: app.token }, address);
  expect(codeOf(response)).toBeNull();
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

async function page(cookie?: string): Promise<string> {
  return (await fetch(`${app.url}/admin`, { headers: cookie ? { cookie } : {} })).text();
}

const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!;

beforeAll(async () => {
  app = await startApp();
});

afterAll(async () => {
  await app?.stop();
});

describe("sessions", () => {
  it("sign in, act, sign out: the copied cookie is refused for pages and forms afterwards", async () => {
    const cookie = await signIn("127.0.0.1");
    const csrf = csrfOf(await page(cookie));
    expect(codeOf(await form("/admin/screens", { csrf, mode: "create", name: "foyer" }, "127.0.0.1", { cookie }))).toBe("screen-saved");
    const copied = cookie;
    expect(codeOf(await form("/admin/session", { csrf, action: "sign-out" }, "127.0.0.1", { cookie }))).toBe("signed-out");

    const html = await page(copied);
    expect(html).toContain('name="token"');
    expect(html).not.toContain("foyer");
    expect(codeOf(await form("/admin/screens", { csrf, mode: "create", name: "vestibule" }, "127.0.0.1", { cookie: copied }))).toBe("form-refused");
    expect(codeOf(await form("/admin/screens/foyer/delete", { csrf }, "127.0.0.1", { cookie: copied }))).toBe("form-refused");
    expect((await app.api("GET", "/api/admin/screens/vestibule")).status).toBe(404);
    expect((await app.api("GET", "/api/admin/screens/foyer")).status).toBe(200);
  });

  it("each session has its own CSRF token, and made-up cookies open nothing", async () => {
    const first = await signIn("127.0.0.2");
    const second = await signIn("127.0.0.2");
    expect(first).not.toBe(second);
    const firstCsrf = csrfOf(await page(first));
    expect(firstCsrf).not.toBe(csrfOf(await page(second)));
    expect(codeOf(await form("/admin/screens", { csrf: firstCsrf, mode: "create", name: "porch" }, "127.0.0.1", { cookie: second }))).toBe("form-refused");
    for (const cookie of ["crier_admin=", "crier_admin=x", `crier_admin=${"A".repeat(43)}`, `crier_admin=${app.token}`, "crier_admin=%E0%A4%A"]) {
      expect(await page(cookie), cookie).toContain('name="token"');
    }
  });

  it("the session cookie is HttpOnly, SameSite=Strict and lasts 12 hours", async () => {
    const response = await form("/admin/session", { token: app.token }, "127.0.0.3");
    const header = response.headers.get("set-cookie")!;
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(header).toMatch(/Max-Age=43200/);
    expect(header).not.toContain(app.token);
  });
});

describe("messages on /admin", () => {
  it("shows fixed sentences by code and never text from the address", async () => {
    expect(await (await fetch(`${app.url}/admin?error=bad-token`)).text()).toContain("That is not the admin token.");
    const hostile = [
      "Your session expired. Call 0900 123 456 to restore it",
      "<script>alert(1)</script>",
      "__proto__", "constructor", "toString",
    ];
    const cookie = await signIn("127.0.0.4");
    for (const text of hostile) {
      for (const key of ["error", "notice"]) {
        for (const who of [undefined, cookie]) {
          const html = await (await fetch(`${app.url}/admin?${key}=${encodeURIComponent(text)}`, { headers: who ? { cookie: who } : {} })).text();
          expect(html).not.toContain("0900 123 456");
          expect(html).not.toContain("<script>alert(1)");
          // No message: the console's live region (public/console.js speaks into it) stays empty.
          expect(html.replace(/<p id="console-live"[^>]*><\/p>/, "")).not.toMatch(/role="(alert|status)"/);
        }
      }
    }
  });
});

describe("guessing the token", () => {
  it("after 5 failures from one address, that address waits (even with the right token, and whatever X-Forwarded-For it claims) while others sign in", async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      // A made-up X-Forwarded-For per guess must not spread the failures over other addresses.
      const code = codeOf(await form("/admin/session", { token: `guess-${attempt}-xxxxxxxxxxxx` }, "127.0.0.9", { "x-forwarded-for": `198.51.100.${attempt}` }));
      expect(code).toBe("bad-token");
    }
    const blocked = await form("/admin/session", { token: app.token }, "127.0.0.9", { "x-forwarded-for": "198.51.100.77" });
    expect(codeOf(blocked)).toBe("too-many-attempts");
    expect(blocked.headers.get("set-cookie")).toBeNull();
    expect(await (await fetch(`${app.url}${blocked.headers.get("location")}`)).text()).toContain("Too many failed sign-ins from here or in total: wait a minute, then try again.");
    await signIn("127.0.0.10");
  });

  it("after 30 failures from many addresses, everyone waits", async () => {
    let refused = 0;
    for (let attempt = 0; attempt < 40; attempt++) {
      const code = codeOf(await form("/admin/session", { token: "wrong-token-xxxxxxxxxxxx" }, `127.0.1.${attempt + 1}`));
      if (code === "too-many-attempts") refused++;
    }
    expect(refused).toBeGreaterThanOrEqual(10);
    expect(codeOf(await form("/admin/session", { token: app.token }, "127.0.2.200"))).toBe("too-many-attempts");
  });
});
