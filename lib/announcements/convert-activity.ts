import type { ActivityConversion, ConvertOptions, PostActivityType, SkipReason } from "./types";
import {
  isRecord,
  pickSupportedType,
  readFirstId,
  readId,
  readTypes,
  toArray,
} from "./as-values";
import { convertActorProfile, isActorDocument } from "./actor-profile";
import { convertObject, describeError, describeValue, POST_TYPES } from "./convert-object";
import { readVisibility } from "./visibility";

const COLLECTION_TYPES = ["Collection", "OrderedCollection", "CollectionPage", "OrderedCollectionPage"];
const MAX_COLLECTION_ITEMS = 100;
// Announce(Create(Page)) is as deep as real servers go; the bound stops hostile nesting.
const MAX_DEPTH = 4;

type WrappedType = "Create" | "Update";

function skip(reason: SkipReason, detail: string): ActivityConversion {
  return { kind: "skip", reason, detail };
}

// A boost addressed only to followers is a private share even of a public
// post; an Announce with no addressing at all defers to its object's.
function isAddressed(activity: Record<string, unknown>): boolean {
  return toArray(activity.to).length > 0 || toArray(activity.cc).length > 0;
}

function toActorConversion(json: unknown): ActivityConversion {
  const profile = convertActorProfile(json);
  return profile === null ? skip("invalid", "actor document has no absolute http(s) id") : { kind: "actor", profile };
}

function toObjectConversion(
  object: unknown,
  activityType: PostActivityType | null,
  actorUri: string | null,
  innerActivityType: WrappedType | null,
  options: ConvertOptions | undefined,
): ActivityConversion {
  const result = convertObject(object, options);
  if (!result.ok) return skip(result.reason, result.detail);
  return { kind: "object", activityType, actorUri, innerActivityType, draft: result.draft };
}

/**
 * Resolves the object of Create, Update or Announce: an IRI to fetch, an
 * actor (Update(Person)), a post, or, for Announce, a wrapped Create/Update
 * (Lemmy and WordPress groups) or Delete/Undo.
 */
function convertPostActivity(
  activity: Record<string, unknown>,
  activityType: PostActivityType,
  options: ConvertOptions | undefined,
  depth: number,
): ActivityConversion {
  const actorUri = readFirstId(activity.actor);
  if (activityType === "Announce" && isAddressed(activity) && readVisibility(activity) === null) {
    return skip("not-public", "the share is addressed to followers or named people only");
  }
  let object: unknown = toArray(activity.object)[0];
  let innerActivityType: WrappedType | null = null;
  if (activityType === "Announce" && isRecord(object)) {
    const innerTypes = readTypes(object.type);
    innerActivityType = pickSupportedType(innerTypes, ["Create", "Update"] as const);
    if (innerActivityType !== null) {
      object = toArray(object.object)[0];
    } else if (pickSupportedType(innerTypes, ["Delete", "Undo", "Announce"]) !== null) {
      const relayed = convertAt(object, options, depth + 1);
      return relayed.kind === "delete" || relayed.kind === "undo" ? { ...relayed, relayedBy: actorUri } : relayed;
    }
  }
  if (typeof object === "string" || (isRecord(object) && object.type === undefined)) {
    const objectUri = readId(object);
    if (objectUri === null) return skip("invalid", `${activityType} names no absolute http(s) object`);
    return { kind: "reference", activityType, actorUri, innerActivityType, objectUri };
  }
  if (!isRecord(object)) return skip("invalid", `${activityType} has no object`);
  if (isActorDocument(object)) {
    return activityType === "Update"
      ? toActorConversion(object)
      : skip("unsupported-type", `${activityType} of an actor is not a post`);
  }
  return toObjectConversion(object, activityType, actorUri, innerActivityType, options);
}

function convertDelete(activity: Record<string, unknown>): ActivityConversion {
  const actorUri = readFirstId(activity.actor);
  if (actorUri === null) return skip("invalid", "Delete has no absolute http(s) actor");
  const object = toArray(activity.object)[0];
  const objectUri = readId(object);
  if (objectUri === null) return skip("invalid", "Delete names no absolute http(s) object");
  // Mastodon deletes an account by sending Delete with the actor as object.
  const isAccountDeletion = objectUri === actorUri || isActorDocument(object);
  return { kind: "delete", actorUri, objectUri, isAccountDeletion, relayedBy: null };
}

// Only an embedded activity says what was undone and to which post; an Undo
// naming just the IRI of the undone activity leaves nothing to act on.
function convertUndo(activity: Record<string, unknown>): ActivityConversion {
  const actorUri = readFirstId(activity.actor);
  if (actorUri === null) return skip("invalid", "Undo has no absolute http(s) actor");
  const inner = toArray(activity.object)[0];
  // NodeBB has sent Undo(Announce) whose object is a post's number: say it is malformed.
  if (typeof inner === "number") return skip("invalid", `malformed Undo: its object is the number ${inner}, not an activity`);
  if (!isRecord(inner)) return skip("invalid", "Undo does not embed the activity it undoes");
  const innerType = readTypes(inner.type)[0];
  const innerObject = toArray(inner.object)[0];
  if (typeof innerObject === "number") {
    return skip("invalid", `malformed Undo: the undone ${innerType ?? "activity"}'s object is the number ${innerObject}, not an IRI`);
  }
  const objectUri = readFirstId(inner.object);
  if (innerType === undefined || objectUri === null) {
    return skip("invalid", "Undo does not say which activity and object it undoes");
  }
  return { kind: "undo", actorUri, innerType, activityUri: readId(inner), objectUri, relayedBy: null };
}

function convertFollowing(activity: Record<string, unknown>, type: "Follow" | "Accept" | "Reject"): ActivityConversion {
  const actorUri = readFirstId(activity.actor);
  if (actorUri === null) return skip("invalid", `${type} has no absolute http(s) actor`);
  if (type === "Follow") return { kind: "follow", actorUri };
  return { kind: "follow-answer", answer: type === "Accept" ? "accept" : "reject", actorUri, followUri: readId(toArray(activity.object)[0]) };
}

function convertCollection(collection: Record<string, unknown>): ActivityConversion {
  let entries = toArray(collection.orderedItems ?? collection.items);
  // Mastodon embeds the first page of an outbox in the collection itself.
  if (entries.length === 0 && isRecord(collection.first)) {
    entries = toArray(collection.first.orderedItems ?? collection.first.items);
  }
  const firstPage = entries.length === 0 ? readId(collection.first) : null;
  const nextUri = readId(collection.next) ?? (isRecord(collection.first) ? readId(collection.first.next) : null) ?? firstPage;
  const items = entries.slice(0, MAX_COLLECTION_ITEMS);
  const itemIds = items.map((item) => readId(item)).filter((id): id is string => id !== null);
  const totalItems = typeof collection.totalItems === "number" && Number.isInteger(collection.totalItems) ? collection.totalItems : null;
  return { kind: "collection", items, itemIds, totalItems, nextUri };
}

function convertAt(json: unknown, options: ConvertOptions | undefined, depth: number): ActivityConversion {
  if (!isRecord(json)) return skip("not-an-object", `expected a JSON object, got ${describeValue(json)}`);
  if (depth > MAX_DEPTH) return skip("invalid", "activities are nested too deeply");
  const types = readTypes(json.type);
  const activityType = pickSupportedType(types, ["Create", "Update", "Announce"] as const);
  if (activityType !== null) return convertPostActivity(json, activityType, options, depth);
  if (types.includes("Delete")) return convertDelete(json);
  if (types.includes("Undo")) return convertUndo(json);
  const following = pickSupportedType(types, ["Follow", "Accept", "Reject"] as const);
  if (following !== null) return convertFollowing(json, following);
  if (pickSupportedType(types, COLLECTION_TYPES) !== null) return convertCollection(json);
  if (isActorDocument(json)) return toActorConversion(json);
  if (pickSupportedType(types, POST_TYPES) !== null) return toObjectConversion(json, null, null, null, options);
  return skip("unsupported-type", `${describeValue(json)} is not something Crier acts on`);
}

/**
 * Interprets an incoming activity or fetched document: Create/Update/Announce
 * of a post (possibly only its IRI), Delete, Undo, an actor (Update(Person) or
 * a bare actor), a bare post, or a collection page. Never throws.
 */
export function convertActivity(json: unknown, options?: ConvertOptions): ActivityConversion {
  try {
    return convertAt(json, options, 0);
  } catch (error) {
    return skip("invalid", `could not read the activity: ${describeError(error)}`);
  }
}
