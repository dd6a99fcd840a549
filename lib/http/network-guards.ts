import { getEnv } from "../env";
import { installConnectionGuard } from "./connection-guard";
import { installRemoteFetchLimits } from "./remote-fetch-limits";

/**
 * Bounds every read from other servers (size, time) and checks every connection's
 * address, for the whole process. Called at start-up, and by the lib/ modules that
 * reach other servers (the federation, the picture fetcher), so benchmarks and tests
 * that import them get the same guards as the server. Safe to call more than once.
 */
export function installNetworkGuards(options: { dnsServers?: string[] } = {}): void {
  installRemoteFetchLimits();
  installConnectionGuard({ allowPrivateAddress: getEnv().allowPrivateAddress, dnsServers: options.dnsServers });
}
