import { getClientAddress } from "../http/client-address";
import { getRuntimePart } from "../runtime/registry";
// Failed sign-ins are limited per client address and in total, so the admin token
// cannot be guessed at speed from one address or from many.

/** Failed sign-ins allowed from one address per window. */
export const MAX_FAILURES_PER_ADDRESS = 5;
/** Failed sign-ins allowed from everyone together per window. */
export const MAX_FAILURES_TOTAL = 30;
export const FAILURE_WINDOW_MS = 60_000;
/** Addresses remembered at once; the oldest are forgotten first. */
const MAX_ADDRESSES = 10_000;

interface Failures { byAddress: Map<string, number[]>; total: number[] }

function getFailures(): Failures {
  return getRuntimePart("sign-in-failures", (): Failures => ({ byAddress: new Map(), total: [] }));
}

const recent = (times: number[], now: number) => times.filter((at) => now - at < FAILURE_WINDOW_MS);

/**
 * The address a sign-in counts against: the connection's, or behind TRUSTED_PROXIES
 * the client's as the proxy reports it (lib/http/client-address.ts). A client's own
 * X-Forwarded-For is never believed, so it cannot spread its failures over made-up addresses.
 */
export function getSignInAddress(request: Request): string {
  return getClientAddress(request) ?? "unknown";
}

/** Whether sign-ins from this address must wait (too many recent failures from it, or from everyone). */
export function isSignInThrottled(address: string, now = Date.now()): boolean {
  const failures = getFailures();
  failures.total = recent(failures.total, now);
  const mine = recent(failures.byAddress.get(address) ?? [], now);
  return mine.length >= MAX_FAILURES_PER_ADDRESS || failures.total.length >= MAX_FAILURES_TOTAL;
}

/** Counts a failed sign-in against its address and the total. */
export function recordSignInFailure(address: string, now = Date.now()): void {
  const failures = getFailures();
  failures.total = [...recent(failures.total, now), now].slice(-MAX_FAILURES_TOTAL);
  const mine = [...recent(failures.byAddress.get(address) ?? [], now), now].slice(-MAX_FAILURES_PER_ADDRESS);
  failures.byAddress.delete(address);
  failures.byAddress.set(address, mine);
  while (failures.byAddress.size > MAX_ADDRESSES) failures.byAddress.delete(failures.byAddress.keys().next().value!);
}
