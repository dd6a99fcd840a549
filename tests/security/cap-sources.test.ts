import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, waitFor, type App } from "../integration/helpers/processes";

// CAP sources as an attacker would use them, at the built app with the production
// setting (private addresses refused): a source pointing into the server's own network
// is never read; the admin API wants its token; a subscription cannot be forged into
// something other than a push endpoint.

let app: App;
let inside: Server;
let requestsInside = 0;

beforeAll(async () => {
  inside = createServer((_request, response) => {
    requestsInside++;
    response.writeHead(200, { "content-type": "application/atom+xml" }).end('<feed xmlns="http://www.w3.org/2005/Atom"/>');
  });
  await new Promise<void>((resolve) => inside.listen(0, "127.0.0.1", resolve));
  app = await startApp({ env: { ALLOW_PRIVATE_ADDRESS: "false", CAP_POLL_SECONDS: "1" } });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await new Promise((resolve) => inside?.close(resolve));
});

describe("CAP sources and push subscriptions under attack", () => {
  it("never reads a source on a private or loopback address; the source says why", async () => {
    const url = `http://127.0.0.1:${(inside.address() as AddressInfo).port}/cap.atom`;
    const created = await app.api("POST", "/api/admin/sources", { kind: "cap", url, name: "Inside" });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const failed = await waitFor(async () => {
      const { items } = await (await app.api("GET", "/api/admin/sources")).json();
      return items.find((item: { id: string; state: string }) => item.id === id && item.state === "error");
    }, 15_000, () => `the source never failed\n${app.output().slice(-2000)}`);
    expect(failed.reason).toMatch(/private|loopback|not allowed|refus/i);
    expect(requestsInside).toBe(0);
  });

  it("keeps the sources API behind the admin token", async () => {
    for (const [method, path] of [["GET", "/api/admin/sources"], ["POST", "/api/admin/sources"], ["PATCH", "/api/admin/sources/x"], ["DELETE", "/api/admin/sources/x"]] as const) {
      const response = await fetch(`${app.url}${path}`, { method, headers: { authorization: "Bearer not-the-token-at-all" }, body: method === "GET" ? undefined : "{}" });
      expect(response.status, `${method} ${path}`).toBe(401);
    }
    expect((await app.api("GET", "/api/admin/sources")).status).toBe(200);
  });

  it("takes push subscriptions only for https endpoints when private addresses are refused", async () => {
    const keys = { p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString("base64url"), auth: Buffer.alloc(16, 1).toString("base64url") };
    const post = (endpoint: string) => fetch(`${app.url}/api/push/subscriptions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ endpoint, keys }) });
    expect((await post("http://127.0.0.1:9/push")).status).toBe(400);
    expect((await post("https://push.example.org/send/abc")).status).toBe(201);
  });
});
