import type { InboxContext } from "@fedify/fedify";

// The activity as its sender wrote it. Fedify keeps the received payload on the inbox
// context (and in the queued message) to forward activities unchanged; it is marked
// internal in 2.3.6, so this is the one place that reads it, and it fails loudly (a
// thrown error makes Fedify retry, and tests/unit/federation/sender-body.test.ts fails
// on an upgrade that drops it) rather than falling back to a re-serialisation, which
// silently loses terms the sender's @context defines (NodeBB's Hashtag).

/** The JSON body the sender delivered, as received (less any Linked Data signature). */
export function readSenderBody(ctx: InboxContext<void>): unknown {
  const body = (ctx as unknown as { activity?: unknown }).activity;
  if (body === null || typeof body !== "object") {
    throw new TypeError("Fedify's inbox context no longer carries the received activity (InboxContext.activity); Crier needs it to read what the sender signed.");
  }
  return body;
}
