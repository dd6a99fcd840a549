import { lookup as systemLookup, promises as dnsPromises, type LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { isPrivateAddress, isPrivateHostUrl } from "../announcements/private-links";

// Checking a name before fetching and letting the connection resolve it again leaves a
// gap: a name can answer a public address to the check and a private one (the cloud
// metadata service, the council's intranet) to the connection, microseconds later
// (DNS rebinding). So the rule is applied where sockets are made: every outgoing
// request of this process (Node's fetch, which Fedify's loaders and the picture
// fetcher use) goes through one HTTP agent whose DNS lookup refuses private answers,
// and whose dispatch refuses literal private addresses (a socket given an IP address
// never looks it up). The address checked is the address connected to.

/** A connection to a private, loopback or link-local address was refused. */
export class PrivateAddressError extends Error {
  override name = "PrivateAddressError";
  readonly code = "EPRIVATEADDRESS";
}

export interface ConnectionGuardOptions {
  /** Whether private addresses may be reached (ALLOW_PRIVATE_ADDRESS: tests and demos). */
  allowPrivateAddress: boolean;
  /** DNS servers ("127.0.0.1:5353") to ask instead of the system's resolver (tests); [] goes back to the system's. */
  dnsServers?: string[];
}

type Resolve = (hostname: string) => Promise<LookupAddress[]>;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), as connections use it by default. */
const resolveWithSystem: Resolve = (hostname) =>
  new Promise((resolve, reject) => systemLookup(hostname, { all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** A resolver asking the given DNS servers directly for A and AAAA records. */
function resolveWithServers(servers: string[]): Resolve {
  const resolver = new dnsPromises.Resolver({ timeout: 2_000, tries: 2 });
  resolver.setServers(servers);
  return async (hostname) => {
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(hostname), resolver.resolve6(hostname)]);
    const addresses = [
      ...(v4.status === "fulfilled" ? v4.value.map((address) => ({ address, family: 4 })) : []),
      ...(v6.status === "fulfilled" ? v6.value.map((address) => ({ address, family: 6 })) : []),
    ];
    if (addresses.length === 0) throw Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" });
    return addresses;
  };
}

// On globalThis: Next bundles instrumentation and route handlers separately, and each
// bundle has its own copy of this module; the agent and its settings are one per process.
const SETTINGS = Symbol.for("crier.connectionGuard");
const settings = ((globalThis as { [SETTINGS]?: { resolveHost: Resolve; allowPrivate: boolean } })[SETTINGS] ??= {
  resolveHost: resolveWithSystem,
  allowPrivate: false,
});

/**
 * Resolves a name and refuses it if any of its addresses is private: a name that
 * answers with an intranet address is treated like the address itself.
 */
export async function resolvePublicAddresses(hostname: string): Promise<LookupAddress[]> {
  const addresses = await settings.resolveHost(hostname);
  if (settings.allowPrivate) return addresses;
  const blocked = addresses.find(({ address }) => isPrivateAddress(address));
  if (blocked) throw new PrivateAddressError(`${hostname} resolves to ${blocked.address}, a private or loopback address; Crier does not connect there.`);
  return addresses;
}

/**
 * Refuses a URL whose host is, or resolves to, a private or loopback address (unless
 * the guard allows them): a clear refusal before a request, for a message a person can
 * act on. The connection is checked again where it is made, since a name may resolve
 * differently by then.
 */
export async function assertPublicUrl(url: URL): Promise<void> {
  if (settings.allowPrivate) return;
  if (isPrivateHostUrl(url.href)) throw new PrivateAddressError(`${url.hostname} is a private or loopback address; Crier does not connect there.`);
  if (!url.hostname.startsWith("[") && !/^[\d.]+$/.test(url.hostname)) await resolvePublicAddresses(url.hostname);
}

/** The lookup sockets use: resolves through the guard, so the address connected to is one that was checked. */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  resolvePublicAddresses(hostname).then(
    (addresses) => {
      const family = options.family === 6 || options.family === "IPv6" ? 6 : options.family === 4 || options.family === "IPv4" ? 4 : 0;
      const wanted = family ? addresses.filter((entry) => entry.family === family) : addresses;
      if (options.all) return callback(null, wanted);
      const first = wanted[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no IPv${family} address`), { code: "ENOTFOUND" }), "", 0);
      callback(null, first.address, first.family);
    },
    (error: NodeJS.ErrnoException) => callback(error, "", 0),
  );
};

const DISPATCHER = Symbol.for("undici.globalDispatcher.1");

interface Dispatcher { dispatch(options: { origin?: string | URL }, handler: unknown): boolean }
type AgentClass = new (options: { connect: { lookup: LookupFunction } }) => Dispatcher;

/**
 * Makes every request of Node's fetch connect only through the guard. Node's fetch is
 * its bundled undici, which reads its dispatcher from a well-known global symbol;
 * the agent is built from that undici's own Agent class (the one already installed
 * there), so no second copy of undici with a different handler API is involved.
 */
export function installConnectionGuard(options: ConnectionGuardOptions): void {
  settings.allowPrivate = options.allowPrivateAddress;
  // Given once (a test), kept until given again: later calls from lib/ modules pass none.
  if (options.dnsServers) settings.resolveHost = options.dnsServers.length ? resolveWithServers(options.dnsServers) : resolveWithSystem;
  const global = globalThis as unknown as Record<symbol, Dispatcher | undefined>;
  // Node loads its undici, which installs the default agent, on the first call of fetch
  // (or import of node:http); a data: URL makes that call without any connection.
  if (!global[DISPATCHER]) void globalThis.fetch("data:,").then((response) => response.body?.cancel(), () => {});
  const current = global[DISPATCHER];
  if (current && (current as { isCrierGuard?: boolean }).isCrierGuard) return;
  if (current?.constructor?.name !== "Agent") {
    throw new Error(`Node's fetch has an unexpected HTTP dispatcher (${current?.constructor?.name ?? "none"}); Crier cannot guard its connections.`);
  }
  const Agent = current.constructor as AgentClass;
  class GuardedAgent extends Agent {
    readonly isCrierGuard = true;
    override dispatch(request: { origin?: string | URL }, handler: unknown): boolean {
      // Names are checked when the socket looks them up; IP literals never are, so here.
      if (!settings.allowPrivate && request.origin && isPrivateHostUrl(String(request.origin))) {
        throw new PrivateAddressError(`${new URL(String(request.origin)).host} is a private or loopback address; Crier does not connect there.`);
      }
      return super.dispatch(request, handler);
    }
  }
  global[DISPATCHER] = new GuardedAgent({ connect: { lookup: guardedLookup } });
}
