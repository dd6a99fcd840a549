import { verifyRequestDetailed, type Context } from "@fedify/fedify";
import { Activity, Delete, type DocumentLoader } from "@fedify/vocab";
import { readOrigin } from "../announcements/authorship";
import { readPlainActor } from "../announcements/delivery-shape";
import { findRenamedTerm } from "../announcements/inline-context";
import { isKeyListedByActor } from "./actor-keys";
import { createFederationContext } from "./federation";
import { RemoteDocumentError } from "./remote-documents";
import { verifiedKeyCache } from "./verified-key-cache";

// The one trust check every delivery passes before Fedify or any inbox handler
// sees it (FEP-fe34's origin-based model; README "Security model"). Fedify 2.3.6
// would accept a key whose own document claims the actor as owner or controller,
// wherever it is served, and an Object Integrity Proof instead of an HTTP
// signature; so a delivery is accepted here only when:
//   1. it carries an HTTP signature (draft-cavage or RFC 9421) that verifies;
//   2. the key has the origin of the activity's one actor, as a JSON-LD processor
//      reads the body (never the raw JSON's `actor` key);
//   3. the actor's own document, fetched from its origin, lists the key;
//   4. every proof on the activity or its embedded object meets 2 and 3 too.

/** The verdict on one delivery: go on to Fedify, or answer `status` with `reason`. */
export type TrustVerdict =
  | { ok: true; actorUri: string }
  | { ok: false; status: 400 | 401 | 503; reason: string; unconfirmedDeletion?: UnconfirmedDeletion };

/** A Delete refused only because its signer is not the named actor, signed by a key on the object's own server (NodeBB's moderators). */
export interface UnconfirmedDeletion {
  objectUri: string;
  signerKeyId: string;
}

const refuse = (status: 400 | 401 | 503, reason: string, unconfirmedDeletion?: UnconfirmedDeletion): TrustVerdict =>
  ({ ok: false, status, reason, unconfirmedDeletion });

/** Loads nothing: parsing must only read what the body embeds. */
const loadNothing: DocumentLoader = async (url) => {
  throw new Error(`Not fetched while checking a delivery: ${url}`);
};

/** The key ids a request's signature headers name (draft-cavage `keyId`, RFC 9421 `keyid`). */
function readSignatureKeyIds(headers: Headers): string[] {
  const ids: string[] = [];
  for (const header of [headers.get("signature"), headers.get("signature-input")]) {
    if (header === null) continue;
    // Linear: a quoted value without quotes inside, after a fixed name.
    for (const match of header.matchAll(/keyid="([^"]*)"/gi)) ids.push(match[1]!);
  }
  return ids;
}

/** Verification methods of the proofs on the activity and on the object it embeds. */
async function readProofKeyIds(activity: Activity, ctx: Context<void>): Promise<string[]> {
  const options = { documentLoader: loadNothing, contextLoader: ctx.contextLoader, crossOrigin: "trust" as const, suppressError: true };
  const ids: string[] = [];
  const holders: { getProofs: Activity["getProofs"] }[] = [activity];
  try {
    const object = await activity.getObject(options);
    if (object) holders.push(object);
  } catch {
    // Not embedded (a reference): no proof of it travels with this delivery.
  }
  for (const holder of holders) {
    for await (const proof of holder.getProofs(options)) ids.push(proof.verificationMethodId?.href ?? "(none)");
  }
  return ids;
}

async function parseActivity(json: Record<string, unknown>, ctx: Context<void>): Promise<Activity | null> {
  try {
    return await Activity.fromJsonLd(json, { documentLoader: loadNothing, contextLoader: ctx.contextLoader });
  } catch {
    return null;
  }
}

/**
 * Whether the actor's own document lists the key; "gone" passes only for the account's
 * own Delete. "unreachable" (try again later) when its server could not answer now,
 * "unlisted" when it answered with something that is not the actor.
 */
async function checkListed(ctx: Context<void>, activity: Activity, actorUri: string, keyId: string): Promise<"listed" | "unlisted" | "unreachable"> {
  let listed;
  try {
    listed = await isKeyListedByActor(ctx, actorUri, keyId);
  } catch (error) {
    if (error instanceof RemoteDocumentError) return error.isTransient ? "unreachable" : "unlisted";
    if (error instanceof TypeError) return "unlisted"; // Not a document Fedify can read as an actor.
    throw error;
  }
  // A deleted account's server no longer serves it; its last word, signed by a key on its origin, is its own Delete.
  if (listed === "gone") return activity instanceof Delete && activity.objectId?.href === actorUri ? "listed" : "unlisted";
  return listed ? "listed" : "unlisted";
}

/**
 * Decides whether a delivery may reach Fedify and the inbox handlers. `request`
 * carries the URL the sender signed and the body `json` was parsed from.
 */
export async function checkDeliveryTrust(request: Request, json: Record<string, unknown>): Promise<TrustVerdict> {
  const headerKeyIds = readSignatureKeyIds(request.headers);
  if (headerKeyIds.length === 0) return refuse(401, "An activity must carry an HTTP signature.");
  // A cheap refusal before any JSON-LD work, for the usual forgery; it can only refuse,
  // never accept: acceptance is decided on what the JSON-LD processor reads below.
  const plainActor = readPlainActor(json);
  const rawActorOrigin = plainActor === undefined ? undefined : readOrigin(plainActor);
  if (rawActorOrigin !== undefined && headerKeyIds.some((keyId) => readOrigin(keyId) !== rawActorOrigin)) {
    return refuse(401, "The signature's key is not on the actor's server.");
  }
  const renamed = findRenamedTerm(json);
  if (renamed !== null) return refuse(400, `The activity's inline @context renames a term (${renamed}).`);
  const ctx = createFederationContext();
  const activity = await parseActivity(json, ctx);
  if (!activity) return refuse(400, "The body could not be read as an activity.");
  const actorIds = activity.actorIds;
  if (actorIds.length !== 1) return refuse(401, "An activity must name exactly one actor.");
  const actorUri = actorIds[0]!.href;
  const actorOrigin = readOrigin(actorUri);
  // Checked before any key is fetched: a key elsewhere is never even asked for.
  if (headerKeyIds.some((keyId) => readOrigin(keyId) !== actorOrigin)) {
    return refuse(401, "The signature's key is not on the actor's server.");
  }
  const verification = await verifyRequestDetailed(request, { documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader, keyCache: verifiedKeyCache });
  if (!verification.verified) {
    const { reason } = verification;
    // The key's own server saying it is overloaded is no proof of forgery: the sender should retry.
    const isTransient = reason.type === "keyFetchError" && "status" in reason.result && (reason.result.status >= 500 || reason.result.status === 429);
    return refuse(isTransient ? 503 : 401, isTransient ? "The signature's key could not be fetched now; try again later." : `The HTTP signature did not verify (${reason.type}).`);
  }
  const keyId = verification.key.id?.href ?? "";
  if (readOrigin(keyId) !== actorOrigin) return refuse(401, "The signature's key is not on the actor's server.");
  const listed = await checkListed(ctx, activity, actorUri, keyId);
  if (listed === "unreachable") return refuse(503, "The actor's document could not be fetched now to check its keys; try again later.");
  if (listed === "unlisted") {
    const objectUri = activity instanceof Delete ? activity.objectId?.href : undefined;
    const isOnSignersServer = objectUri !== undefined && readOrigin(objectUri) === actorOrigin;
    return refuse(401, "The actor's document does not list the signature's key.", isOnSignersServer ? { objectUri, signerKeyId: keyId } : undefined);
  }
  for (const proofKeyId of await readProofKeyIds(activity, ctx)) {
    if (readOrigin(proofKeyId) !== actorOrigin) return refuse(401, "A proof's key is not on the actor's server.");
    if ((await checkListed(ctx, activity, actorUri, proofKeyId)) !== "listed") return refuse(401, "The actor's document does not list a proof's key.");
  }
  return { ok: true, actorUri };
}
