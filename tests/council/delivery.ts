// Outgoing activities. Without a queue Fedify sends at once and the promise
// settles when the remote inbox has answered, so the control API can report
// delivery per inbox. Raw JSON is signed by hand for tests that need odd payloads.
import { SendActivityError, signRequest } from "@fedify/fedify";
import type { Context } from "@fedify/fedify";
import { getTypeId } from "@fedify/vocab";
import type { Activity, Recipient } from "@fedify/vocab";
import type { FollowerRecord } from "./state.ts";

export interface DeliveryResult {
  inbox: string;
  ok: boolean;
  status?: number;
  error?: string;
}

function describeType(activity: Activity): string {
  return getTypeId(activity).href.replace("https://www.w3.org/ns/activitystreams#", "");
}

export function followerToRecipient(follower: FollowerRecord): Recipient {
  return {
    id: new URL(follower.id),
    inboxId: new URL(follower.inbox),
    endpoints: { sharedInbox: follower.sharedInbox == null ? null : new URL(follower.sharedInbox) },
  };
}

/** A recipient that is only an inbox URL (no actor document behind it). */
export function inboxToRecipient(inbox: string): Recipient {
  return { id: new URL(inbox), inboxId: new URL(inbox), endpoints: null };
}

/**
 * Sends an activity as `identifier` to the recipients, preferring shared inboxes
 * like Mastodon, one request per distinct inbox; never throws.
 */
export async function deliverActivity(ctx: Context<void>, identifier: string, recipients: readonly Recipient[], activity: Activity): Promise<DeliveryResult[]> {
  const groups = new Map<string, Recipient[]>();
  for (const recipient of recipients) {
    const inbox = (recipient.endpoints?.sharedInbox ?? recipient.inboxId)?.href;
    if (inbox == null) continue;
    groups.set(inbox, [...(groups.get(inbox) ?? []), recipient]);
  }
  const type = describeType(activity);
  return await Promise.all([...groups].map(async ([inbox, group]): Promise<DeliveryResult> => {
    try {
      await ctx.sendActivity({ identifier }, group, activity, { preferSharedInbox: true });
      console.log(`out ${type} ${identifier} -> ${inbox} ok (${activity.id?.href})`);
      return { inbox, ok: true };
    } catch (error) {
      const status = error instanceof SendActivityError ? error.statusCode : undefined;
      const message = error instanceof Error ? error.message : String(error);
      console.error(`out ${type} ${identifier} -> ${inbox} FAILED${status == null ? "" : ` ${status}`}: ${message.slice(0, 300)}`);
      return { inbox, ok: false, status, error: message.slice(0, 1000) };
    }
  }));
}

/** Signs arbitrary JSON with the actor's RSA key (draft-cavage HTTP signature, like Mastodon) and POSTs it. */
export async function sendRawActivity(ctx: Context<void>, identifier: string, inbox: URL, activity: unknown): Promise<{ status: number; body: string }> {
  const [rsa] = await ctx.getActorKeyPairs(identifier);
  const body = JSON.stringify(activity);
  const unsigned = new Request(inbox, {
    method: "POST",
    headers: { "Content-Type": "application/activity+json", Accept: "application/activity+json" },
    body,
  });
  const request = await signRequest(unsigned, rsa.privateKey, rsa.keyId, { spec: "draft-cavage-http-signatures-12" });
  const response = await fetch(request, { redirect: "manual" });
  const text = await response.text();
  const type = typeof activity === "object" && activity != null && "type" in activity ? String(activity.type) : "?";
  const line = `out raw ${type} ${identifier} -> ${inbox.href} ${response.status}`;
  if (response.ok) console.log(line);
  else console.error(`${line}: ${text.slice(0, 300)}`);
  return { status: response.status, body: text.slice(0, 4000) };
}
