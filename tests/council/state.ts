// What the council remembers across restarts: posts, followers, pending follows
// (state.json) and the actors' key pairs (keys.json), both in COUNCIL_DATA_DIR.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { exportJwk, generateCryptoKeyPair, importJwk } from "@fedify/fedify";

export type Visibility = "public" | "unlisted" | "followers" | "direct";

export interface AttachmentRecord {
  url: string;
  mediaType: string;
  alt?: string;
  width?: number;
  height?: number;
}

/** An actor a post mentions or is addressed to directly. */
export interface MentionRecord {
  id: string;
  name?: string;
  url?: string;
  inbox?: string;
  sharedInbox?: string;
}

export interface PostRecord {
  /** Short, Mastodon-like snowflake id; the IRI is /users/{actor}/statuses/{id}. */
  id: string;
  actor: string;
  type: "Note" | "Article";
  name?: string;
  /** What the control API was given (HTML or plain text). */
  source: string;
  language?: string;
  summary?: string;
  sensitive: boolean;
  visibility: Visibility;
  attachments: AttachmentRecord[];
  /** Hashtag names without "#", as first written. */
  tags: string[];
  mentions: MentionRecord[];
  inReplyTo?: string;
  published: string;
  updated?: string;
}

export interface AnnounceRecord {
  id: string;
  actor: string;
  object: string;
  published: string;
}

export interface FollowerRecord {
  /** The identifier of our actor that is followed. */
  actor: string;
  id: string;
  inbox: string;
  sharedInbox?: string;
  followId: string;
  since: string;
}

export interface PendingFollow extends FollowerRecord {
  /** Short id used by the control API's accept/reject paths. */
  pendingId: string;
}

export interface CouncilState {
  posts: PostRecord[];
  announces: AnnounceRecord[];
  followers: FollowerRecord[];
  pending: PendingFollow[];
  /** IRIs of deleted posts, answered with 410 Gone. */
  deleted: string[];
}

function emptyState(): CouncilState {
  return { posts: [], announces: [], followers: [], pending: [], deleted: [] };
}

/** Loads state.json (or starts empty); `save()` writes it back atomically. */
export class StateFile {
  readonly state: CouncilState;
  readonly #path: string;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.#path = join(dataDir, "state.json");
    this.state = existsSync(this.#path)
      ? { ...emptyState(), ...(JSON.parse(readFileSync(this.#path, "utf8")) as Partial<CouncilState>) }
      : emptyState();
  }

  save(): void {
    const temporary = `${this.#path}.tmp`;
    writeFileSync(temporary, JSON.stringify(this.state, null, 2));
    renameSync(temporary, this.#path);
  }

  /** A Mastodon-style snowflake id: milliseconds << 16, unique and ordered by time. */
  nextId(at: Date): string {
    const used = new Set([...this.state.posts, ...this.state.announces].map((item) => item.id));
    let id = BigInt(at.getTime()) << 16n;
    while (used.has(id.toString())) id += 1n;
    return id.toString();
  }
}

type KeyFile = Record<string, { rsa: { privateKey: JsonWebKey; publicKey: JsonWebKey }; ed25519: { privateKey: JsonWebKey; publicKey: JsonWebKey } }>;

/** Loads each actor's RSA and Ed25519 key pairs from keys.json, creating missing ones; RSA first. */
export async function loadKeyPairs(dataDir: string, identifiers: readonly string[]): Promise<Map<string, CryptoKeyPair[]>> {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, "keys.json");
  const file: KeyFile = existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as KeyFile) : {};
  let isChanged = false;
  for (const identifier of identifiers) {
    if (file[identifier] != null) continue;
    const rsa = await generateCryptoKeyPair("RSASSA-PKCS1-v1_5");
    const ed25519 = await generateCryptoKeyPair("Ed25519");
    file[identifier] = {
      rsa: { privateKey: await exportJwk(rsa.privateKey), publicKey: await exportJwk(rsa.publicKey) },
      ed25519: { privateKey: await exportJwk(ed25519.privateKey), publicKey: await exportJwk(ed25519.publicKey) },
    };
    isChanged = true;
  }
  if (isChanged) writeFileSync(path, JSON.stringify(file, null, 2), { mode: 0o600 });
  const pairs = new Map<string, CryptoKeyPair[]>();
  for (const identifier of identifiers) {
    const entry = file[identifier];
    const result: CryptoKeyPair[] = [];
    for (const pair of [entry.rsa, entry.ed25519]) {
      result.push({ privateKey: await importJwk(pair.privateKey, "private"), publicKey: await importJwk(pair.publicKey, "public") });
    }
    pairs.set(identifier, result);
  }
  return pairs;
}
