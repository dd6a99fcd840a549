import { readMentions } from "./mentions";
import type { AnnouncementDraft, ConversionResult, ConvertOptions, SkipReason } from "./types";
import {
  isRecord,
  pickSupportedType,
  readHttpUrl,
  readId,
  readIsoDate,
  readString,
  readTypes,
  toArray,
} from "./as-values";
import { readAuthorUri } from "./actor-profile";
import { readMedia, readObjectUrl } from "./attachments";
import { readHashtags } from "./hashtags";
import { pickLanguage } from "./language";
import { buildPostBody, DEFAULT_MAX_TEXT_LENGTH, hasContent, MAX_CONTENT_HTML_LENGTH } from "./post-body";
import { readVisibility } from "./visibility";

/** Object types Crier shows; Audio and Image are media posts (Funkwhale, Hubzilla). */
export const POST_TYPES = [
  "Note", "Article", "Page", "Question", "Video", "Event", "Audio", "Image",
] as const;

function skipObject(reason: SkipReason, detail: string): ConversionResult {
  return { ok: false, reason, detail };
}

/** Describes any value in a few words for skip details. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (isRecord(value)) {
    const types = readTypes(value.type);
    return types.length > 0 ? `an object of type ${types.join("/")}` : "an object without a type";
  }
  return `a ${typeof value}`;
}

function readMaxTextLength(options: ConvertOptions | undefined): number {
  const value = options?.maxTextLength;
  return typeof value === "number" && Number.isFinite(value) && value >= 1
    ? Math.floor(value)
    : DEFAULT_MAX_TEXT_LENGTH;
}

// Mastodon sends each poll vote as Create(Note) carrying only the chosen
// option as `name`, in reply to the Question; it is not a post.
function isPollVote(object: Record<string, unknown>, type: string): boolean {
  return (
    type === "Note" &&
    readString(object.name) !== null &&
    !hasContent(object) &&
    readId(object.inReplyTo) !== null &&
    toArray(object.attachment).length === 0
  );
}

function convertRecord(object: Record<string, unknown>, options?: ConvertOptions): ConversionResult {
  const types = readTypes(object.type);
  const type = pickSupportedType(types, POST_TYPES);
  if (type === null) {
    return skipObject("unsupported-type", `${describeValue(object)} is not a post type Crier shows`);
  }
  const uri = readHttpUrl(object.id);
  if (uri === null) return skipObject("invalid", `${type} has no absolute http(s) id`);
  if (isPollVote(object, type)) return skipObject("poll-vote", `${uri} is a vote in a poll`);
  const visibility = readVisibility(object);
  if (visibility === null) {
    return skipObject("not-public", `${uri} is not addressed to the Public collection (followers-only or direct)`);
  }

  const language = pickLanguage(object);
  const url = readObjectUrl(object.url);
  const media = readMedia(object, type);
  const maxTextLength = readMaxTextLength(options);
  const body = buildPostBody({ object, type, language, objectUrl: url, pageLinks: media.pageLinks, maxTextLength });
  const truncated = [
    typeof object.content === "string" && object.content.length > MAX_CONTENT_HTML_LENGTH ? "content" : null,
    body.text.length >= maxTextLength ? "text" : null,
  ].filter((field): field is string => field !== null);
  if (body.text === "" && media.attachments.length === 0) {
    return skipObject("empty", `${uri} has no text, title or attachments`);
  }

  const draft: AnnouncementDraft = {
    uri,
    url,
    authorUri: readAuthorUri(object.attributedTo) ?? readAuthorUri(object.actor),
    objectType: type,
    published: readIsoDate(object.published) ?? readIsoDate(object.updated),
    updated: readIsoDate(object.updated),
    language,
    summary: body.summary,
    sensitive: body.sensitive,
    html: body.html,
    text: body.text,
    attachments: media.attachments,
    tags: readHashtags(object),
    visibility,
    inReplyTo: readId(object.inReplyTo),
    mentions: readMentions(object),
    ...(truncated.length > 0 ? { truncated } : {}),
  };
  return { ok: true, draft };
}

/**
 * Converts one ActivityStreams object (Note, Article, Page, Question, Video,
 * Event, Audio, Image) into an announcement draft, or says why it is skipped.
 * Never throws, whatever the input.
 */
export function convertObject(json: unknown, options?: ConvertOptions): ConversionResult {
  try {
    if (!isRecord(json)) return skipObject("not-an-object", `expected a JSON object, got ${describeValue(json)}`);
    return convertRecord(json, options);
  } catch (error) {
    // Only reachable with hostile inputs such as throwing getters or proxies.
    return skipObject("invalid", `could not read the object: ${describeError(error)}`);
  }
}

/** Reads an error message without trusting the thrown value. */
export function describeError(error: unknown): string {
  try {
    return error instanceof Error ? error.message.slice(0, 200) : "unexpected value thrown";
  } catch {
    return "unreadable error";
  }
}

/** Whether a fetched document says its object was deleted (a Tombstone, as Mastodon and NodeBB answer). */
export function isTombstone(json: Record<string, unknown>): boolean {
  return readTypes(json.type).includes("Tombstone");
}
