import { afterAll, describe, expect, it } from "vitest";
import {
  convertActivity,
  convertActorProfile,
  convertObject,
  dropForeignPrivateLinks,
  isAuthoredBy,
} from "../../../lib/announcements/from-activity-streams";
import { expectNeutralised, expectSafeAccount } from "../../fixtures/hostile/assert-neutralised";
import {
  buildActorJson,
  buildObjectJson,
  countByCategory,
  fillPlaceholders,
  HOSTILE_CASES,
  resolvePayload,
  type ActivityCase,
  type ActorCase,
  type HostileCase,
  type ObjectCase,
} from "../../fixtures/hostile";

// Every converter-level case of the hostile corpus (tests/fixtures/hostile)
// through the same code ingest runs: conversion, the private-link filter and
// the authorship rule. Inbox-level cases run in tests/integration/hostile-input.test.ts.

const ORIGIN = "https://council.example";
const IDS = {
  origin: ORIGIN,
  actor: `${ORIGIN}/users/council`,
  other: `${ORIGIN}/users/stranger`,
  board: `${ORIGIN}/users/noticeboard`,
};
const fill = (text: string) => fillPlaceholders(text, { ...IDS, id: `${ORIGIN}/users/council/statuses/case` });

function runObjectCase(entry: ObjectCase, index: number): void {
  const id = `${ORIGIN}/users/council/statuses/hostile-${index}`;
  const result = convertObject(buildObjectJson(entry, { ...IDS, id }));
  if (entry.expected.outcome === "skipped") {
    expect(result.ok, "expected the converter to skip it").toBe(false);
    return;
  }
  if (!result.ok) throw new Error(`expected a stored post, got ${result.reason}: ${result.detail}`);
  const draft = dropForeignPrivateLinks(result.draft, IDS.actor);
  expect(isAuthoredBy(draft, IDS.actor)).toBe(true);
  expectNeutralised(draft, entry.expected.outcome === "neutralised" ? entry.expected.checks : {}, fill);
}

function runActorCase(entry: ActorCase): void {
  const profile = convertActorProfile(buildActorJson(entry, { ...IDS, id: IDS.actor }));
  expect(profile).not.toBeNull();
  // As ingest shows it: the display name, else the username.
  const name = profile!.name ?? profile!.preferredUsername ?? "council";
  expectSafeAccount({ name, url: profile!.url, avatarUrl: profile!.avatarUrl }, entry.expected.outcome === "neutralised" ? entry.expected.checks : {});
  if (profile!.preferredUsername !== null) expect(profile!.preferredUsername).not.toMatch(/[<>"]/);
}

/** An activity the followed council signed: whatever it claims, nothing not its own is kept. */
function runActivityCase(entry: ActivityCase, index: number): void {
  const id = `${ORIGIN}/users/council/statuses/hostile-${index}`;
  const converted = convertActivity(fillPlaceholders(resolvePayload(entry.activity), { ...IDS, id }));
  if (converted.kind === "object") {
    expect(isAuthoredBy(converted.draft, IDS.actor), "the council is not the author").toBe(false);
  } else if (converted.kind === "reference") {
    expect(new URL(converted.objectUri).origin, "a reference the council may not vouch for").not.toBe(ORIGIN);
  } else {
    expect(converted.kind).toBe("skip");
  }
}

const CONVERTER_CASES = HOSTILE_CASES.filter(
  (entry): entry is ObjectCase | ActorCase | ActivityCase =>
    entry.kind === "object" || entry.kind === "actor" || (entry.kind === "activity" && entry.expected.outcome === "skipped" && !entry.isInboxOnly),
);

afterAll(() => {
  console.log(`hostile corpus: ${HOSTILE_CASES.length} cases, ${CONVERTER_CASES.length} run here`);
  console.table(countByCategory(CONVERTER_CASES));
});

describe("the hostile corpus", () => {
  it("has at least 200 cases with unique names, in every category the issue lists", () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(200);
    expect(new Set(HOSTILE_CASES.map((entry) => entry.name)).size).toBe(HOSTILE_CASES.length);
    expect(Object.keys(countByCategory(HOSTILE_CASES)).sort()).toEqual([
      "deep-json", "forged-signature", "not-json", "other-author", "oversized-body", "oversized-field", "private-address",
      "replay", "visibility", "wrong-type", "xss-actor", "xss-alt", "xss-content", "xss-hashtag", "xss-summary", "xss-url",
    ]);
  });
});

describe.each(groupByCategory(CONVERTER_CASES))("hostile %s", (_category, cases) => {
  it.each(cases.map((entry) => [entry.name, entry] as const))("%s", (_name, entry) => {
    const index = HOSTILE_CASES.indexOf(entry);
    if (entry.kind === "object") runObjectCase(entry, index);
    else if (entry.kind === "actor") runActorCase(entry);
    else runActivityCase(entry, index);
  });
});

function groupByCategory<T extends HostileCase>(cases: T[]): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const entry of cases) groups.set(entry.category, [...(groups.get(entry.category) ?? []), entry]);
  return [...groups];
}
