import net from "node:net";

/** A parsed list of addresses and CIDR ranges (TRUSTED_PROXIES), checked with node:net's BlockList. */
export interface AddressList {
  /** The entries as the operator wrote them, normalised ("10.0.0.0/8", "::1"). */
  readonly entries: string[];
  has(address: string): boolean;
}

/** "::ffff:10.1.2.3" (an IPv4 peer on a dual-stack socket) is 10.1.2.3. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return (mapped ? mapped[1]! : trimmed).toLowerCase();
}

/**
 * Parses a comma list of addresses and CIDR ranges; answers the first entry that is
 * neither as `{ error }`, so the caller can name it in one sentence.
 */
export function parseAddressList(text: string): AddressList | { error: string } {
  const blocks = new net.BlockList();
  const entries: string[] = [];
  for (const raw of text.split(",").map((entry) => entry.trim()).filter(Boolean)) {
    const [addressPart, prefixPart, ...rest] = raw.split("/");
    const address = normaliseAddress(addressPart ?? "");
    const family = net.isIP(address);
    const maxPrefix = family === 4 ? 32 : 128;
    const prefix = prefixPart === undefined ? maxPrefix : Number(prefixPart);
    if (family === 0 || rest.length > 0 || !/^\d*$/.test(prefixPart ?? "") || !Number.isInteger(prefix) || prefix < 0 || prefix > maxPrefix) {
      return { error: raw };
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === maxPrefix) blocks.addAddress(address, type);
    else blocks.addSubnet(address, prefix, type);
    entries.push(prefix === maxPrefix ? address : `${address}/${prefix}`);
  }
  return {
    entries,
    has(candidate: string) {
      const address = normaliseAddress(candidate);
      const family = net.isIP(address);
      return family !== 0 && blocks.check(address, family === 4 ? "ipv4" : "ipv6");
    },
  };
}
