import type { ActorProfile } from "./types";
import {
  isRecord,
  pickSupportedType,
  readDimension,
  readHttpUrl,
  readLinkUrl,
  readString,
  readTypes,
  toArray,
  truncateText,
} from "./as-values";
import { readObjectUrl } from "./attachments";
import { readFieldAsText } from "./html-to-text";

export const ACTOR_TYPES = ["Person", "Service", "Application", "Group", "Organization"] as const;
// Actors that write posts themselves, preferred over the Group (channel,
// community) a post is also attributed to.
const AUTHOR_TYPES = ["Person", "Service", "Application", "Organization"];

/** Whether a value is an object typed as an actor (type may be an array such as ["Person", "vcard:individual"]). */
export function isActorDocument(value: unknown): boolean {
  return isRecord(value) && pickSupportedType(readTypes(value.type), ACTOR_TYPES) !== null;
}

/**
 * Reads the author IRI from `attributedTo`: a string, an object with an id,
 * or an array (PeerTube lists the account and its channel), preferring the
 * first Person-like entry.
 */
export function readAuthorUri(value: unknown): string | null {
  const entries = toArray(value).slice(0, 16);
  for (const entry of entries) {
    if (isRecord(entry) && readTypes(entry.type).some((type) => AUTHOR_TYPES.includes(type))) {
      const id = readHttpUrl(entry.id);
      if (id !== null) return id;
    }
  }
  for (const entry of entries) {
    const id = readHttpUrl(isRecord(entry) ? entry.id : entry);
    if (id !== null) return id;
  }
  return null;
}

// Avatars come as a URL string, an Image (whose url may itself be a Link or an
// array), or an array of Images in several sizes (PeerTube, Bridgy Fed).
function readAvatarUrl(icon: unknown): string | null {
  let best: { url: string; width: number } | null = null;
  for (const entry of toArray(icon).slice(0, 16)) {
    let url: string | null = null;
    let width = 0;
    if (typeof entry === "string") {
      url = readLinkUrl(entry);
    } else if (isRecord(entry)) {
      url = readLinkUrl(entry.href) ?? readObjectUrl(entry.url);
      width = readDimension(entry.width) ?? 0;
    }
    if (url !== null && (best === null || width > best.width)) best = { url, width };
  }
  return best?.url ?? null;
}

// Names are plain text, but some servers (and hostile ones) send markup: it is
// read as HTML and reduced to its words, as alt text is.
function readShortText(value: unknown, max: number): string | null {
  const raw = readString(value);
  if (raw === null) return null;
  return readString(truncateText(readFieldAsText(raw).replace(/\s+/g, " "), max));
}

/** Reads a remote actor (Person, Service, Application, Group, Organization) into the fields Crier keeps; null if it is not one. */
export function convertActorProfile(json: unknown): ActorProfile | null {
  try {
    if (!isRecord(json)) return null;
    const type = pickSupportedType(readTypes(json.type), ACTOR_TYPES);
    const uri = readHttpUrl(json.id);
    if (type === null || uri === null) return null;
    const endpoints = isRecord(json.endpoints) ? json.endpoints : {};
    return {
      uri,
      type,
      preferredUsername: readShortText(json.preferredUsername, 200),
      name: readShortText(json.name, 300),
      url: readObjectUrl(json.url),
      avatarUrl: readAvatarUrl(json.icon),
      inbox: readHttpUrl(json.inbox),
      // Misskey also repeats sharedInbox at the top level.
      sharedInbox: readHttpUrl(endpoints.sharedInbox) ?? readHttpUrl(json.sharedInbox),
      outbox: readHttpUrl(json.outbox),
      followers: readHttpUrl(json.followers),
    };
  } catch {
    return null;
  }
}
