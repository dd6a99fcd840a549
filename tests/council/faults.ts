// Fault injection for reliability tests: makes the council's federation endpoints
// (actors, objects, outboxes, WebFinger; never /_control/) misbehave on request.
//   none     answer normally
//   slow     answer normally after `delayMs`
//   down     answer 503 Service Unavailable
//   garbage  answer 200 with a body that is not JSON
//   refuse-inbox  answer every POST (inbox deliveries) with `status` (401 unless given),
//                 as a server that will not take Crier's signature does (404: an inbox
//                 that is gone); GETs answer normally
import { z } from "zod";

export const faultInput = z.strictObject({
  mode: z.enum(["none", "slow", "down", "garbage", "refuse-inbox"]),
  delayMs: z.number().int().min(0).max(60_000).optional(),
  status: z.number().int().min(400).max(599).optional(),
});
export type Faults = z.infer<typeof faultInput>;

let faults: Faults = { mode: "none" };
let faultedRequests = 0;

export function setFaults(next: Faults): { mode: Faults["mode"]; delayMs: number; faultedRequests: number } {
  faults = next;
  return describeFaults();
}

export function describeFaults() {
  return { mode: faults.mode, delayMs: faults.delayMs ?? 0, faultedRequests };
}

/** Answers a federation request the faulty way, or returns null to answer it normally. */
export async function applyFaults(request?: Request): Promise<Response | null> {
  if (faults.mode === "none") return null;
  if (faults.mode === "refuse-inbox") {
    if (request?.method !== "POST") return null;
    faultedRequests++;
    const status = faults.status ?? 401;
    const error = status === 401 ? "Unauthorized: the signature was not accepted." : `Refused with ${status}.`;
    return Response.json({ error }, { status });
  }
  faultedRequests++;
  if (faults.mode === "slow") {
    await new Promise((resolve) => setTimeout(resolve, faults.delayMs ?? 2_000));
    return null;
  }
  if (faults.mode === "down") return new Response("The council's server is down for maintenance.", { status: 503, headers: { "Retry-After": "1" } });
  const junk = `{"@context": "https://www.w3.org/ns/activitystreams", "id": ${"\u0000<html>garbage".repeat(20)}`;
  return new Response(junk, { status: 200, headers: { "Content-Type": "application/activity+json" } });
}
