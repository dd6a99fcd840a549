import fs from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type {
  ActivityConversion,
  AnnouncementDraft,
  Attachment,
  ConversionResult,
} from "../../../lib/announcements/types";

/** Draft fields compared exactly, plus substring checks on the text and HTML. */
export interface DraftExpectation
  extends Partial<Omit<AnnouncementDraft, "attachments" | "html" | "text">> {
  text?: string;
  textStartsWith?: string;
  textContains?: string[];
  textExcludes?: string[];
  htmlContains?: string[];
  htmlExcludes?: string[];
  /** Alt text of every attachment, in order. */
  alts?: (string | null)[];
  /** Every attachment, in order, compared field by field where given. */
  attachments?: Partial<Attachment>[];
}

export interface FixtureRow {
  file: string;
  /** What the conversion must contain (compared with toMatchObject; `draft` and `items` go below). */
  result: { kind: ActivityConversion["kind"] } & Record<string, unknown>;
  draft?: DraftExpectation;
  itemCount?: number;
}

export const KNOWN_KINDS: ActivityConversion["kind"][] = [
  "object", "reference", "delete", "undo", "actor", "collection", "skip",
];

/** Lists every .json file under a folder, recursively, as paths relative to it. */
export function listJsonFiles(root: string, dir = ""): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listJsonFiles(root, relative));
    else if (entry.name.endsWith(".json")) files.push(relative);
  }
  return files.sort();
}

export function readJson(root: string, file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));
}

/** Invariants every converted draft must hold, whatever the source. */
export function expectSafeDraft(draft: AnnouncementDraft): void {
  expect(draft.uri).toMatch(/^https?:\/\//);
  expect(["public", "unlisted"]).toContain(draft.visibility);
  // No date at all is null (the write path dates it when received); a date is always normalised ISO.
  if (draft.published !== null) expect(draft.published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  expect(draft.html).not.toMatch(/<(script|style|iframe|img|svg|form)\b/i);
  expect(draft.html).not.toMatch(/\son\w+\s*=/i);
  expect(draft.html).not.toMatch(/href="(?!https?:|mailto:)/i);
  expect(draft.text.length).toBeLessThanOrEqual(20_000);
  expect(draft.text).not.toMatch(/\n{3,}/);
  expect(draft.text).toBe(draft.text.trim());
  expect(draft.attachments.length).toBeLessThanOrEqual(16);
  expect(draft.tags.length).toBeLessThanOrEqual(64);
  for (const attachment of draft.attachments) expect(attachment.url).toMatch(/^https?:\/\//);
}

function expectDraft(draft: AnnouncementDraft, expectation: DraftExpectation): void {
  const {
    text, textStartsWith, textContains = [], textExcludes = [], htmlContains = [],
    htmlExcludes = [], alts, attachments, ...fields
  } = expectation;
  expect(draft).toMatchObject(fields);
  if (text !== undefined) expect(draft.text).toBe(text);
  if (textStartsWith !== undefined) expect(draft.text.startsWith(textStartsWith)).toBe(true);
  for (const part of textContains) expect(draft.text).toContain(part);
  for (const part of textExcludes) expect(draft.text).not.toContain(part);
  for (const part of htmlContains) expect(draft.html).toContain(part);
  for (const part of htmlExcludes) expect(draft.html).not.toContain(part);
  if (alts !== undefined) expect(draft.attachments.map((attachment) => attachment.alt)).toEqual(alts);
  if (attachments !== undefined) {
    expect(draft.attachments).toHaveLength(attachments.length);
    attachments.forEach((attachment, index) => expect(draft.attachments[index]).toMatchObject(attachment));
  }
  expectSafeDraft(draft);
}

/** Checks one conversion against a table row. */
export function expectRow(conversion: ActivityConversion, row: FixtureRow): void {
  expect(conversion).toMatchObject(row.result);
  if (row.draft !== undefined) {
    if (conversion.kind !== "object") throw new Error(`${row.file}: expected an object, got ${JSON.stringify(conversion)}`);
    expectDraft(conversion.draft, row.draft);
  }
  if (row.itemCount !== undefined) {
    if (conversion.kind !== "collection") throw new Error(`${row.file}: expected a collection`);
    expect(conversion.items).toHaveLength(row.itemCount);
  }
}

/**
 * The converters turn an exception into a skip whose detail starts "could not read …":
 * that is a bug in a converter, never a verdict on the input. Plain JSON must never get
 * there, so tests that feed odd input check this rather than only "it did not throw".
 */
export const CAUGHT_EXCEPTION = /^could not read/;

/** What a conversion says about itself: its kind (or skip reason), or that it only got out through the catch-all. */
export function describeConversion(conversion: ActivityConversion | ConversionResult): string {
  if ("kind" in conversion) {
    if (conversion.kind !== "skip") return conversion.kind;
    return CAUGHT_EXCEPTION.test(conversion.detail) ? `caught exception: ${conversion.detail}` : `skip:${conversion.reason}`;
  }
  if (conversion.ok) return "object";
  return CAUGHT_EXCEPTION.test(conversion.detail) ? `caught exception: ${conversion.detail}` : `skip:${conversion.reason}`;
}
