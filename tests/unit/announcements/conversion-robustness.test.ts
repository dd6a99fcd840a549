import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  convertActivity,
  convertActorProfile,
  convertObject,
} from "../../../lib/announcements/from-activity-streams";
import { CAUGHT_EXCEPTION, describeConversion, listJsonFiles, readJson } from "./fixture-expectations";

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const FIXTURES = path.resolve(__dirname, "../../fixtures/activitypub");

function note(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "https://social.example.org/users/clerk/statuses/1",
    type: "Note",
    attributedTo: "https://social.example.org/users/clerk",
    content: "<p>Hello</p>",
    published: "2025-01-01T12:00:00Z",
    to: [PUBLIC],
    ...fields,
  };
}

function draftOf(json: unknown) {
  const result = convertObject(json);
  if (!result.ok) throw new Error(`expected a draft, got ${result.reason}: ${result.detail}`);
  return result.draft;
}

const ODD_VALUES: unknown[] = [
  null, undefined, 0, -1, Number.NaN, "", "Note", true, [], [{}], {}, [null], { id: 1 }, { type: 5 },
  { type: ["Note"] }, { type: "Note", id: 5 }, { type: [], id: "https://x.example/1" },
];

describe("converting odd input", () => {
  // Each odd value is a verdict on the input (a named skip), never an exception the
  // catch-all swallowed: a converter that threw on it would show up here.
  it.each(ODD_VALUES.map((value) => [JSON.stringify(value) ?? String(value), value]))("%s is skipped for a reason", (_label, value) => {
    expect(describeConversion(convertObject(value))).toMatch(/^skip:/);
    expect(describeConversion(convertActivity(value))).toMatch(/^skip:/);
    expect(convertActorProfile(value)).toBeNull();
  });

  it("reports why a non-object is skipped", () => {
    expect(convertObject(null)).toMatchObject({ ok: false, reason: "not-an-object" });
    expect(convertObject([note()])).toMatchObject({ ok: false, reason: "not-an-object" });
    expect(convertActivity(42)).toMatchObject({ kind: "skip", reason: "not-an-object" });
    expect(convertObject({ type: "Tombstone", id: "https://x.example/1" })).toMatchObject({ ok: false, reason: "unsupported-type" });
    expect(convertObject(note({ id: "/relative" }))).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("survives wrong types in every field", () => {
    const result = convertObject({
      type: ["vcard:x", "Note"], id: "https://x.example/1", to: PUBLIC, cc: { nope: 1 }, content: 42,
      contentMap: [], attachment: "ftp://x.example/a.png", tag: 7, url: {}, attributedTo: [null, 5, { id: 3 }],
      published: {}, updated: [], summary: [], name: 5, sensitive: "yes", inReplyTo: { id: {} },
      oneOf: "x", location: 3, icon: [[[]]], language: { identifier: 4 },
    });
    expect(result).toMatchObject({ ok: false, reason: "empty" });
  });

  it("survives throwing getters and proxies, and says it caught an exception", () => {
    const hostile = note();
    Object.defineProperty(hostile, "content", { get: () => { throw new Error("boom"); }, enumerable: true });
    expect(convertObject(hostile)).toMatchObject({ ok: false, reason: "invalid", detail: expect.stringMatching(CAUGHT_EXCEPTION) });
    const proxy = new Proxy({}, { get: () => { throw new Error("trap"); }, ownKeys: () => { throw new Error("trap"); } });
    expect(describeConversion(convertObject(proxy))).toMatch(/^caught exception: .*trap/);
    expect(describeConversion(convertActivity(proxy))).toMatch(/^caught exception: .*trap/);
    expect(convertActorProfile(proxy)).toBeNull();
  });

  it("stops at deeply nested activities", () => {
    let activity: unknown = note();
    for (let depth = 0; depth < 50; depth++) {
      activity = { type: "Announce", actor: "https://x.example/a", to: [PUBLIC], object: { type: "Undo", actor: "https://x.example/a", object: activity } };
    }
    expect(convertActivity(activity).kind).toBe("skip");
  });

  it("reads randomly broken copies of the fixtures without an exception, and still converts most", () => {
    const replacements: unknown[] = [null, 0, "", [], {}, "x", true, [null], { id: 1 }, [{ type: "Link" }], "https://x.example/"];
    let state = 7;
    const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const mutate = (value: unknown, depth: number): unknown => {
      if (random() < 0.15) return replacements[Math.floor(random() * replacements.length)];
      if (depth > 6 || typeof value !== "object" || value === null) return value;
      if (Array.isArray(value)) return value.map((item) => mutate(item, depth + 1));
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mutate(item, depth + 1)]));
    };
    const outcomes = new Map<string, number>();
    for (const file of listJsonFiles(FIXTURES)) {
      const json = readJson(FIXTURES, file);
      for (let round = 0; round < 25; round++) {
        for (const outcome of [describeConversion(convertActivity(mutate(json, 0))), describeConversion(convertObject(mutate(json, 0)))]) {
          // A converter that threw on plain JSON would only show here: the catch-all hides it otherwise.
          expect(outcome, file).not.toMatch(/^caught exception/);
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        }
      }
    }
    // 15 % of values replaced still leaves many whole posts: a converter that skipped
    // everything (or nothing) would not give this spread.
    expect(outcomes.get("object") ?? 0).toBeGreaterThanOrEqual(100);
    for (const outcome of ["skip:not-an-object", "skip:invalid", "skip:unsupported-type", "skip:not-public", "delete", "actor"]) {
      expect(outcomes.get(outcome) ?? 0, outcome).toBeGreaterThan(0);
    }
  });
});

describe("visibility", () => {
  it.each([
    ["the canonical IRI in to", { to: [PUBLIC] }, "public"],
    ["the http:// IRI", { to: ["http://www.w3.org/ns/activitystreams#Public"] }, "public"],
    ["as:Public", { to: "as:Public" }, "public"],
    ["bare Public", { to: ["Public"] }, "public"],
    ["an object with the IRI as id", { to: [{ id: PUBLIC }] }, "public"],
    ["Public only in cc", { to: ["https://x.example/followers"], cc: PUBLIC }, "unlisted"],
  ])("%s", (_name, addressing, expected) => {
    expect(draftOf(note(addressing)).visibility).toBe(expected);
  });

  it.each([
    ["followers only", { to: ["https://x.example/followers"], cc: [] }],
    ["direct", { to: ["https://x.example/users/resident"] }],
    ["Public only in bto and bcc", { to: [], bto: [PUBLIC], bcc: [PUBLIC] }],
    ["no addressing at all", { to: undefined }],
  ])("skips %s as not public", (_name, addressing) => {
    expect(convertObject(note(addressing))).toMatchObject({ ok: false, reason: "not-public" });
  });
});

describe("content and bounds", () => {
  it("skips an object with nothing to show, but keeps a media-only post", () => {
    expect(convertObject(note({ content: "<p> </p>" }))).toMatchObject({ ok: false, reason: "empty" });
    const media = draftOf(note({ content: "", attachment: { type: "Image", url: "https://x.example/a.jpg", name: "A bin" } }));
    expect(media.text).toBe("");
    expect(media.attachments).toMatchObject([{ url: "https://x.example/a.jpg", mediaType: "image/jpeg", alt: "A bin" }]);
  });

  it("puts an Article's name first as a heading", () => {
    const draft = draftOf(note({ type: "Article", name: "Budget <2025>", content: "<p>Body</p>", summary: "Excerpt" }));
    expect(draft.html).toBe("<p><strong>Budget &lt;2025&gt;</strong></p><p>Body</p>");
    expect(draft.text).toBe("Budget <2025>\n\nBody");
    expect(draft.summary).toBeNull();
  });

  it("treats a Note's summary as a content warning", () => {
    expect(draftOf(note({ summary: "Flooding" }))).toMatchObject({ summary: "Flooding", sensitive: true });
    expect(draftOf(note({ sensitive: true }))).toMatchObject({ summary: null, sensitive: true });
    expect(draftOf(note({ summaryMap: { en: "Map CW" } }))).toMatchObject({ summary: "Map CW", sensitive: true });
  });

  it("deduplicates hashtags case-insensitively and ignores other tags", () => {
    const draft = draftOf(note({
      tag: [
        { type: "Hashtag", name: "#Flood" }, { type: "Hashtag", name: "#flood" }, { type: "Hashtag", name: "Alerts" },
        { type: "Mention", name: "@x@y" }, { type: "Emoji", name: ":z:" }, { type: "Hashtag", name: "#" },
        { type: "Hashtag", name: 5 },
      ],
    }));
    expect(draft.tags).toEqual(["Flood", "Alerts"]);
  });

  it("caps attachments, tags, alt text and summaries", () => {
    const draft = draftOf(note({
      summary: "s".repeat(1_500),
      attachment: Array.from({ length: 20 }, (_, index) => ({ type: "Image", url: `https://x.example/${index}.png`, name: "a".repeat(2_000) })),
      tag: Array.from({ length: 100 }, (_, index) => ({ type: "Hashtag", name: `#tag${index}` })),
    }));
    expect(draft.attachments).toHaveLength(16);
    expect(draft.tags).toHaveLength(64);
    expect(draft.attachments[0].alt).toHaveLength(1_500);
    expect(draft.attachments[0].alt?.endsWith("…")).toBe(true);
    expect(draft.summary).toHaveLength(1_000);
  });

  it("drops URLs that are not absolute http(s) or are too long", () => {
    const draft = draftOf(note({
      url: "javascript:alert(1)",
      inReplyTo: "ftp://x.example/1",
      attachment: [
        { type: "Image", url: `https://x.example/${"a".repeat(2_100)}.png` },
        { type: "Image", url: "data:image/png;base64,AAAA" },
        { type: "Image", url: "/relative.png" },
        { type: "Image", url: "https://x.example/ok.png" },
      ],
    }));
    expect(draft.url).toBeNull();
    expect(draft.inReplyTo).toBeNull();
    expect(draft.attachments.map((attachment) => attachment.url)).toEqual(["https://x.example/ok.png"]);
  });

  it("bounds huge content and caps the text", () => {
    const huge = `<p>${"word ".repeat(60_000)}</p><script>${"x".repeat(10)}</script>`;
    const draft = draftOf(note({ content: huge }));
    expect(draft.text.length).toBe(20_000);
    expect(draft.text.endsWith("…")).toBe(true);
    expect(draft.html.length).toBeLessThanOrEqual(200_010);
  });

  it("falls back from published to updated, then to no date (the write path dates it when received), and ignores invalid dates", () => {
    expect(draftOf(note({ published: "not a date", updated: "2025-02-01T00:00:00+0100" }))).toMatchObject({
      published: "2025-01-31T23:00:00.000Z",
      updated: "2025-01-31T23:00:00.000Z",
    });
    expect(draftOf(note({ published: "2025-13-45T99:00:00Z", updated: 12 }))).toMatchObject({
      published: null,
      updated: null,
    });
    expect(draftOf(note({ published: "2019-09-19T00:32:36.785333" })).published).toBe("2019-09-19T00:32:36.785Z");
  });

  it("reads plain-text content as paragraphs", () => {
    const draft = draftOf(note({ content: "Line one\nLine two\n\nSecond paragraph with https://example.org/x." }));
    expect(draft.text).toBe("Line one\nLine two\n\nSecond paragraph with https://example.org/x.");
    expect(draft.html).toContain('<a href="https://example.org/x" rel="nofollow noopener noreferrer">https://example.org/x</a>.');
  });
});

describe("activities", () => {
  it("caps collection items at 100", () => {
    const result = convertActivity({ type: "OrderedCollection", orderedItems: Array.from({ length: 250 }, (_, i) => `https://x.example/${i}`) });
    expect(result).toMatchObject({ kind: "collection" });
    if (result.kind === "collection") expect(result.items).toHaveLength(100);
  });

  it("reads items from an embedded first page", () => {
    const result = convertActivity({
      type: "OrderedCollection",
      first: { type: "OrderedCollectionPage", orderedItems: [note()], next: "https://x.example/outbox?page=2" },
    });
    expect(result).toMatchObject({ kind: "collection", nextUri: "https://x.example/outbox?page=2" });
  });

  it("distinguishes actor updates from actor creation", () => {
    const person = { type: "Person", id: "https://x.example/users/a", inbox: "https://x.example/users/a/inbox" };
    expect(convertActivity({ type: "Update", actor: person.id, object: person })).toMatchObject({ kind: "actor", profile: { uri: person.id } });
    expect(convertActivity({ type: "Create", actor: person.id, object: person })).toMatchObject({ kind: "skip", reason: "unsupported-type" });
  });

  it("treats an embedded object with only an id as a reference", () => {
    expect(convertActivity({ type: "Create", actor: "https://x.example/a", object: { id: "https://x.example/notes/1" } }))
      .toMatchObject({ kind: "reference", activityType: "Create", objectUri: "https://x.example/notes/1" });
  });

  it("needs an actor for Delete and an embedded activity for Undo", () => {
    expect(convertActivity({ type: "Delete", object: "https://x.example/notes/1" })).toMatchObject({ kind: "skip", reason: "invalid" });
    expect(convertActivity({ type: "Undo", actor: "https://x.example/a", object: "https://x.example/likes/1" }))
      .toMatchObject({ kind: "skip", reason: "invalid" });
  });

  it("unwraps a Group's Announce of a Delete", () => {
    const result = convertActivity({
      type: "Announce",
      actor: "https://lemmy.example.org/c/town",
      to: [PUBLIC],
      object: { type: "Delete", actor: "https://lemmy.example.org/u/clerk", object: "https://lemmy.example.org/post/1" },
    });
    expect(result).toMatchObject({ kind: "delete", actorUri: "https://lemmy.example.org/u/clerk", objectUri: "https://lemmy.example.org/post/1" });
  });
});
