import { nameMentions } from "../announcements/mentions";
import type { AnnouncementDraft } from "../announcements/types";
import type { PostKind, PostSource } from "../store/moderation-store";
import type { Store } from "../store/types";

// The conversation rules' decisions, without storing or announcing anything (the write
// path does both): where a post belongs, and how its mentions read.

/** Where a post belongs: on its own (or heading a thread), as a later part of a thread, or archived as a reply. */
export interface Placement {
  kind: PostKind;
  /** The thread a part belongs to (its first post's IRI), or null. */
  rootUri: string | null;
}

/**
 * A reply to the account's own post (kept as a thread part) extends that post's thread;
 * a reply to anyone else, or to a post Crier does not have, is a reply: never shown. A
 * reply whose parent arrives later is taken into the thread then (adoptReplies).
 */
export async function placePost(store: Store, draft: AnnouncementDraft, accountUri: string): Promise<Placement> {
  if (draft.inReplyTo === null || draft.inReplyTo === draft.uri) return { kind: "root", rootUri: null };
  const parent = await store.moderation.getSource(draft.inReplyTo);
  if (parent && parent.accountUri === accountUri && parent.kind !== "reply" && !parent.isRemoved) {
    return { kind: "part", rootUri: parent.kind === "part" ? parent.rootUri : parent.uri };
  }
  return { kind: "reply", rootUri: null };
}

/** Mentions as display names: the names of accounts Crier keeps, else the user part of the handle. */
export async function nameMentionsFromStore(store: Store, draft: AnnouncementDraft): Promise<AnnouncementDraft> {
  const known = new Map<string, string>();
  for (const mention of (draft.mentions ?? []).slice(0, 20)) {
    const account = await store.getAccount(mention.uri);
    if (account?.name) known.set(mention.uri, account.name);
  }
  return nameMentions(draft, known);
}

/** The newest of a source's own dates: what an edit of it must not be older than. */
export function getSourceVersion(source: PostSource): string | null {
  return source.draft.updated;
}
