import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestDnsServer, type TestDnsServer } from "../../integration/helpers/dns-server";

// DNS rebinding, as an attacker runs it: their name answers a public address to the
// check and 127.0.0.1 to the connection. A real DNS server on loopback plays the
// attacker; the guard asks it instead of the system's resolver, and nothing else is
// replaced. A listener on 127.0.0.1 counts the connections that got through.

const REBINDING = "rebind.attacker.test";
const PUBLIC_TEST_NET = "192.0.2.10";

let dns: TestDnsServer;
let target: Server;
let connections = 0;
let port = 0;

beforeAll(async () => {
  process.env.ALLOW_PRIVATE_ADDRESS = "false";
  dns = await startTestDnsServer((name, n) => {
    if (name === REBINDING) return n === 0 ? PUBLIC_TEST_NET : "127.0.0.1";
    if (name === "intranet.attacker.test") return "10.1.2.3";
    return null;
  });
  target = createServer((_request, response) => response.end("private"));
  target.on("connection", () => connections++);
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
  port = (target.address() as AddressInfo).port;
  const { installNetworkGuards } = await import("../../../lib/http/network-guards");
  installNetworkGuards({ dnsServers: [dns.address] });
});

afterAll(async () => {
  target.closeAllConnections();
  await new Promise((resolve) => target.close(resolve));
  await dns.close();
});

/** The error fetch failed with, and its cause (undici wraps the guard's). */
async function fetchFailure(url: string): Promise<string> {
  try {
    const response = await fetch(url, { redirect: "manual" });
    return `answered ${response.status}`;
  } catch (error) {
    const cause = (error as { cause?: Error }).cause;
    return `${cause?.name}: ${cause?.message}`;
  }
}

describe("connections are checked where they are made", () => {
  it("refuses a name that answered a public address to the check and a private one to the connection", async () => {
    const { resolvePublicAddresses } = await import("../../../lib/http/connection-guard");
    // The check before fetching sees the public answer and lets the name through…
    expect(await resolvePublicAddresses(REBINDING)).toEqual([{ address: PUBLIC_TEST_NET, family: 4 }]);
    // …the connection resolves again, gets 127.0.0.1, and is refused before any socket.
    expect(await fetchFailure(`http://${REBINDING}:${port}/`)).toMatch(/PrivateAddressError: .*127\.0\.0\.1/);
    expect(dns.queries(REBINDING)).toBe(2);
    expect(connections).toBe(0);
  });

  it("refuses names that resolve to private addresses, and literal private addresses, without connecting", async () => {
    expect(await fetchFailure(`http://intranet.attacker.test:${port}/`)).toMatch(/PrivateAddressError: .*10\.1\.2\.3/);
    for (const host of ["127.0.0.1", "[::1]", "localhost", "169.254.169.254", "[::ffff:127.0.0.1]"]) {
      expect(await fetchFailure(`http://${host}:${port}/`), host).toMatch(/PrivateAddressError/);
    }
    expect(connections).toBe(0);
  });

  it("lets the same name reach the listener when private addresses are allowed (tests, demos)", async () => {
    const { installConnectionGuard } = await import("../../../lib/http/connection-guard");
    installConnectionGuard({ allowPrivateAddress: true });
    try {
      const response = await fetch(`http://${REBINDING}:${port}/`);
      expect(await response.text()).toBe("private");
      expect(connections).toBe(1);
    } finally {
      installConnectionGuard({ allowPrivateAddress: false });
    }
  });
});

describe("isPrivateAddress", () => {
  it("judges resolved addresses", async () => {
    const { isPrivateAddress } = await import("../../../lib/announcements/private-links");
    const private_ = ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "::", "fe80::1", "fd00::1", "::ffff:7f00:1", "::ffff:10.0.0.1", "64:ff9b::a00:1", "2002:a00:1::", "ff02::1", "fe80::1%eth0", "not an address"];
    const public_ = ["192.0.2.10", "8.8.8.8", "2606:4700::1111", "2001:4860:4860::8888"];
    for (const address of private_) expect(isPrivateAddress(address), address).toBe(true);
    for (const address of public_) expect(isPrivateAddress(address), address).toBe(false);
  });
});
