import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAddressList } from "../../../lib/http/address-list";
import { getClientAddress, installPeerAddressHeader } from "../../../lib/http/client-address";

// A real node:http server on 127.0.0.1, as `next start` runs one, turning each request
// into a web Request the way Next does (headers copied), and real clients on several
// loopback addresses: the peer address comes from the socket, through the diagnostics
// channel, never from what a client writes in its headers.

const proxies = parseAddressList("127.0.0.50, 10.0.0.0/8");
if ("error" in proxies) throw new Error(proxies.error);
let server: http.Server;
let port: number;

beforeAll(async () => {
  installPeerAddressHeader();
  server = http.createServer((incoming, response) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(`http://127.0.0.1:${port}${incoming.url}`, { headers });
    response.end(JSON.stringify({ client: getClientAddress(request, proxies) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function askFrom(localAddress: string, headers: Record<string, string> = {}): Promise<string | null> {
  return new Promise((resolve, reject) => {
    http.get({ host: "127.0.0.1", port, path: "/", localAddress, headers, agent: false }, (response) => {
      let body = "";
      response.on("data", (chunk) => (body += chunk));
      response.on("end", () => resolve(JSON.parse(body).client));
    }).on("error", reject);
  });
}

describe("getClientAddress", () => {
  it("is the socket's address for a client that is not a trusted proxy, whatever it claims", async () => {
    expect(await askFrom("127.0.0.2")).toBe("127.0.0.2");
    expect(await askFrom("127.0.0.2", { "x-forwarded-for": "198.51.100.1" })).toBe("127.0.0.2");
    expect(await askFrom("127.0.0.2", { "x-crier-peer-address": "guess 198.51.100.1" })).toBe("127.0.0.2");
  });

  it.each([
    ["the address the proxy added", "198.51.100.7", "198.51.100.7"],
    ["the rightmost address no trusted proxy owns", "203.0.113.9, 198.51.100.7", "198.51.100.7"],
    ["past a chain of trusted proxies", "198.51.100.7, 10.1.2.3", "198.51.100.7"],
    ["the first address when every hop is a trusted proxy", "10.9.9.9, 10.1.2.3", "10.9.9.9"],
    ["the proxy itself when a hop is not an address", "198.51.100.7, not-an-address", "127.0.0.50"],
    ["IPv4 written as IPv6-mapped", "::ffff:198.51.100.7", "198.51.100.7"],
  ])("behind a trusted proxy, reads X-Forwarded-For to %s", async (_, forwarded, expected) => {
    expect(await askFrom("127.0.0.50", { "x-forwarded-for": forwarded })).toBe(expected);
  });

  it("is the proxy's own address when it forwards nothing", async () => {
    // `next start` would fill X-Forwarded-For with the peer; a bare node server leaves it out.
    expect(await askFrom("127.0.0.50")).toBe("127.0.0.50");
  });
});
