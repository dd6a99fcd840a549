import { getEnv } from "../env";
import { getRuntimePart } from "../runtime/registry";
import { installConnectionGuard } from "./connection-guard";
import { installRemoteFetchLimits } from "./remote-fetch-limits";
import { getCrierUserAgent, withUserAgent } from "./user-agent";

/**
 * Bounds every read from other servers (size, time) and checks every connection's
 * address, for the whole process. Built by the runtime at start-up (lib/runtime.ts),
 * and called again by the lib/ modules that reach other servers (the federation, the
 * picture fetcher), so a test that imports only them still gets the guards. Safe to
 * call more than once: `dnsServers` (tests) takes effect each time it is given.
 */
export function installNetworkGuards(options: { dnsServers?: string[] } = {}): void {
  // The runtime notes when the guards came, so start-up order can be checked; the
  // installs themselves are idempotent and cheap.
  getRuntimePart("network-guards", () => true);
  installRemoteFetchLimits((inner) => withUserAgent(inner, getCrierUserAgent));
  installConnectionGuard({ allowPrivateAddress: getEnv().allowPrivateAddress, dnsServers: options.dnsServers });
}
