import { randomBytes } from "node:crypto";
import diagnosticsChannel from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import { isIP, type Socket } from "node:net";
import { getEnv } from "../env";
import { normaliseAddress, type AddressList } from "./address-list";

// Next's route handlers see a web Request, not the socket, and `next start` fills
// X-Forwarded-For with the peer's address only when the client sent none (`??=` in
// its base server), so that header cannot tell a client from what it claims. Node
// publishes every incoming request on the "http.server.request.start" diagnostics
// channel before the server's "request" listeners (Next) run: there we write the
// socket's address into a header of our own, replacing whatever a client sent.
// The value starts with a secret of this process, so a header a client sent itself
// (say, on a request that arrived before the hook was installed) is never believed.
const PEER_HEADER = "x-crier-peer-address";
const NONCE = Symbol.for("crier.peerAddressNonce");

/** Makes every request this process receives carry its socket's address for getClientAddress; call once at start. */
export function installPeerAddressHeader(): void {
  const global = globalThis as { [NONCE]?: string };
  if (global[NONCE]) return;
  const nonce = randomBytes(16).toString("hex");
  global[NONCE] = nonce;
  diagnosticsChannel.subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_HEADER] = `${nonce} ${socket.remoteAddress ? normaliseAddress(socket.remoteAddress) : "unknown"}`;
  });
}

/** The address of the peer that opened this request's connection, or null when this process does not know it. */
export function getPeerAddress(request: Request): string | null {
  const nonce = (globalThis as { [NONCE]?: string })[NONCE];
  const [given, address] = request.headers.get(PEER_HEADER)?.split(" ") ?? [];
  return nonce && given === nonce && address ? address : null;
}

/**
 * The client's address for per-client limits: the peer's, unless the peer is a
 * trusted proxy (TRUSTED_PROXIES); then X-Forwarded-For is read from the right,
 * past every trusted proxy, to the first address none of ours added. A client
 * cannot choose its address by sending the header itself: an untrusted peer's
 * X-Forwarded-For is ignored.
 */
export function getClientAddress(request: Request, trustedProxies: AddressList = getEnv().trustedProxies): string | null {
  const peer = getPeerAddress(request);
  if (peer === null || !trustedProxies.has(peer)) return peer;
  const forwarded = request.headers.get("x-forwarded-for");
  if (!forwarded) return peer;
  const hops = forwarded.split(",").map((hop) => normaliseAddress(hop)).filter(Boolean);
  for (let index = hops.length - 1; index >= 0; index--) {
    // What a proxy appended is an address; anything else came from the client's own header.
    if (isIP(hops[index]!) === 0) return peer;
    if (!trustedProxies.has(hops[index]!)) return hops[index]!;
  }
  return hops[0] ?? peer;
}
