import { createSocket } from "node:dgram";

/** A DNS server on 127.0.0.1 (UDP) that answers A queries from a script, and counts them. */
export interface TestDnsServer {
  address: string;
  queries: (name: string) => number;
  close: () => Promise<void>;
}

/**
 * Starts a DNS server whose `answer(name, n)` gives the IPv4 address for the n-th
 * (from 0) A query of a name, or null for "no such name". AAAA queries get no
 * records. TTL 0, so nothing is cached: each lookup asks again, as a rebinding
 * attacker's server makes sure of.
 */
export async function startTestDnsServer(answer: (name: string, n: number) => string | null): Promise<TestDnsServer> {
  const counts = new Map<string, number>();
  const socket = createSocket("udp4");
  socket.on("message", (query, peer) => {
    const { name, type, end } = readQuestion(query);
    let address: string | null = null;
    if (type === 1) {
      const n = counts.get(name) ?? 0;
      counts.set(name, n + 1);
      address = answer(name, n);
    }
    const header = Buffer.alloc(12);
    query.copy(header, 0, 0, 2); // id
    header.writeUInt16BE(0x8180 | (type === 1 && address === null ? 3 : 0), 2); // response, recursion; NXDOMAIN when unknown
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(address ? 1 : 0, 6);
    const question = query.subarray(12, end);
    const records = address
      ? Buffer.concat([Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4]), Buffer.from(address.split(".").map(Number))])
      : Buffer.alloc(0);
    socket.send(Buffer.concat([header, question, records]), peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    queries: (name) => counts.get(name) ?? 0,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

function readQuestion(query: Buffer): { name: string; type: number; end: number } {
  const labels: string[] = [];
  let offset = 12;
  while (query[offset]! > 0) {
    const length = query[offset]!;
    labels.push(query.subarray(offset + 1, offset + 1 + length).toString("ascii").toLowerCase());
    offset += length + 1;
  }
  return { name: labels.join("."), type: query.readUInt16BE(offset + 1), end: offset + 5 };
}
