// Entry point for turning ActivityStreams JSON into Crier's own types. The
// rest of the app imports from here and never reads ActivityStreams fields.
export { convertObject, isTombstone, POST_TYPES } from "./convert-object";
export { convertActivity } from "./convert-activity";
export { convertActorProfile, ACTOR_TYPES } from "./actor-profile";
export { isAddressedToPublic, readVisibility } from "./visibility";
export type {
  ActivityConversion,
  ActorProfile,
  AnnouncementDraft,
  ConversionResult,
  ConvertOptions,
  PostActivityType,
  SkipReason,
} from "./types";
export { isAuthoredBy } from "./authorship";
export { dropForeignPrivateLinks, isPrivateHostUrl } from "./private-links";
