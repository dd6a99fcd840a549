import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertActivity, convertObject } from "../../../lib/announcements/from-activity-streams";
import { expectRow, KNOWN_KINDS, listJsonFiles, readJson, type FixtureRow } from "./fixture-expectations";

// Hand-written payloads in the shapes of each server, so the suite is complete
// on a fresh clone without the shared corpus.
const FIXTURES = path.resolve(__dirname, "../../fixtures/activitypub");
const COUNCIL = "https://social.example.org/users/millbrookcouncil";

const ROWS: FixtureRow[] = [
  {
    file: "mastodon-create-note-cw-image.json",
    result: { kind: "object", activityType: "Create", actorUri: COUNCIL },
    draft: {
      objectType: "Note",
      uri: `${COUNCIL}/statuses/113500000000000001`,
      url: "https://social.example.org/@millbrookcouncil/113500000000000001",
      authorUri: COUNCIL,
      language: "en-GB",
      summary: "Road closure",
      sensitive: true,
      visibility: "public",
      tags: ["Millbrook", "RoadClosure"],
      published: "2025-01-14T08:30:00.000Z",
      updated: null,
      inReplyTo: null,
      textStartsWith: "High Street is closed between the library and the station",
      textContains: ["Details: millbrook.example.org/roadworks/…", "Thanks @buses for the diversion map."],
      textExcludes: ["https://www.", "high-street-water-main"],
      htmlContains: [
        '<a href="https://social.example.org/tags/Millbrook" rel="nofollow noopener noreferrer" class="mention hashtag">',
        '<span class="h-card"><a href="https://social.example.net/@buses" rel="nofollow noopener noreferrer" class="u-url mention">',
        '<span class="ellipsis">',
      ],
      htmlExcludes: ["translate=", "target="],
      attachments: [{
        url: "https://files.social.example.org/media_attachments/files/113/500/000/original/diversion-map.png",
        mediaType: "image/png",
        alt: "Map of the town centre: High Street shaded red between the library and the station; the bus diversion runs along Mill Lane in blue.",
        width: 1600,
        height: 900,
      }],
    },
  },
  {
    file: "gotosocial-note-alt-in-summary.json",
    result: { kind: "object", activityType: null },
    draft: {
      language: "en",
      summary: null,
      sensitive: false,
      visibility: "public",
      tags: ["recycling"],
      published: "2025-02-03T08:15:00.000Z",
      text: "The recycling centre on Quay Road opens at 10:00 today because of the frost. #recycling",
      alts: ["Frosted gates of the recycling centre with a sign reading: Opening 10am."],
    },
  },
  {
    file: "misskey-note-as-public.json",
    result: { kind: "object" },
    draft: {
      authorUri: "https://misskey.example.org/users/9xyzcitywaste",
      visibility: "public",
      language: null,
      text: "明日は燃えるごみの日です。\n朝8時までに出してください。",
      htmlContains: ["<p>明日は燃えるごみの日です。<br />朝8時までに出してください。</p>"],
    },
  },
  {
    file: "pleroma-note-reply-emoji.json",
    result: { kind: "object" },
    draft: {
      visibility: "public",
      summary: null,
      sensitive: false,
      language: null,
      inReplyTo: `${COUNCIL}/statuses/113500000000000001`,
      published: "2025-01-14T09:02:11.123Z",
      text: "@millbrookcouncil The park gates will stay open late tonight :leaf:",
      htmlExcludes: ["data-user", "<img"],
    },
  },
  {
    file: "lemmy-announce-create-page.json",
    result: {
      kind: "object",
      activityType: "Announce",
      innerActivityType: "Create",
      actorUri: "https://lemmy.example.org/c/millbrook",
    },
    draft: {
      objectType: "Page",
      authorUri: "https://lemmy.example.org/u/clerk",
      language: "en",
      visibility: "public",
      text: [
        "Consultation: new allotments at Brook Field",
        "",
        "The council is asking residents about plans for 40 new allotment plots.",
        "",
        "• Drop-in session: Saturday 10:00 to 13:00",
        "• Online survey open until 31 March",
        "",
        "https://www.millbrook.example.org/consultations/brook-field-allotments",
      ].join("\n"),
      attachments: [{ url: "https://lemmy.example.org/pictrs/image/brook-field.jpg", mediaType: "image/jpeg", alt: null }],
    },
  },
  {
    file: "peertube-video-url-array.json",
    result: { kind: "object" },
    draft: {
      objectType: "Video",
      url: "https://videos.example.org/w/2Xk9Qp",
      authorUri: "https://videos.example.org/accounts/millbrook",
      language: "en",
      tags: ["FullCouncil", "budget"],
      updated: "2025-02-14T08:30:00.000Z",
      text: [
        "Full council meeting, 12 February",
        "",
        "Recording of the full council meeting.",
        "",
        "Agenda and minutes: https://www.millbrook.example.org/meetings/2025-02-12",
        "Item 4 is the budget for 2025/26.",
        "",
        "https://videos.example.org/w/2Xk9Qp",
      ].join("\n"),
      htmlContains: ['<a href="https://www.millbrook.example.org/meetings/2025-02-12"'],
      attachments: [{ url: "https://videos.example.org/lazy-static/previews/0f1e2d3c.jpg", width: 850, height: 480 }],
    },
  },
  {
    file: "wordpress-article-excerpt.json",
    result: { kind: "object" },
    draft: {
      objectType: "Article",
      url: "https://www.millbrook.example.org/news/winter-gritting-routes-2025/",
      summary: null,
      sensitive: false,
      language: "en",
      tags: ["Winter", "Roads"],
      updated: "2025-01-06T09:12:30.000Z",
      text: [
        "Winter gritting routes for 2025",
        "",
        "Our priority one routes are gritted whenever frost is forecast.",
        "",
        "• A-roads and bus routes",
        "• Roads to schools and the hospital",
      ].join("\n"),
      htmlContains: ['<ol start="1">', "<strong>priority one</strong>"],
      htmlExcludes: ["trackVisit", "wp:paragraph"],
      attachments: [{
        url: "https://i0.wp.example.net/www.millbrook.example.org/wp-content/uploads/2025/01/gritter.jpg?fit=1200%2C800&ssl=1",
        alt: "A yellow gritting lorry spreading salt on a dark road.",
      }],
    },
  },
  {
    file: "pixelfed-create-note-multi-image.json",
    result: { kind: "object", activityType: "Create" },
    draft: {
      tags: ["VictoriaPark"],
      text: "Spring planting in Victoria Park is finished. #VictoriaPark",
      alts: ["Red and yellow tulips along the main path.", "The bandstand with new flower beds around it.", null],
      published: "2025-04-02T12:00:00.000Z",
    },
  },
  {
    file: "mobilizon-event.json",
    result: { kind: "object" },
    draft: {
      objectType: "Event",
      language: "en",
      authorUri: "https://events.example.org/@repaircafe",
      tags: ["Repair"],
      text: [
        "Repair café at the Town Hall",
        "",
        "Bring broken toasters, lamps, clothes and bikes. Volunteers will help you fix them for free.",
        "",
        "Starts: Saturday, 7 June 2025 at 10:00 BST",
        "",
        "Location: Millbrook Town Hall",
      ].join("\n"),
      alts: ["Volunteers repairing a bicycle at a long table."],
    },
  },
  {
    file: "mastodon-create-question-unlisted.json",
    result: { kind: "object", activityType: "Create" },
    draft: {
      objectType: "Question",
      visibility: "unlisted",
      language: "en",
      text: "Which day should the weekly market move to?\n\n• Wednesday\n• Saturday\n• Keep it on Friday",
      htmlContains: ["<ul><li>Wednesday</li><li>Saturday</li><li>Keep it on Friday</li></ul>"],
    },
  },
  { file: "mastodon-poll-vote.json", result: { kind: "skip", reason: "poll-vote" } },
  { file: "mastodon-note-followers-only.json", result: { kind: "skip", reason: "not-public" } },
  { file: "mastodon-note-direct.json", result: { kind: "skip", reason: "not-public" } },
  {
    file: "mastodon-delete-tombstone.json",
    result: { kind: "delete", actorUri: COUNCIL, objectUri: `${COUNCIL}/statuses/113500000000000001`, isAccountDeletion: false },
  },
  {
    file: "mastodon-delete-actor.json",
    result: {
      kind: "delete",
      actorUri: "https://social.example.org/users/oldaccount",
      objectUri: "https://social.example.org/users/oldaccount",
      isAccountDeletion: true,
    },
  },
  {
    file: "mastodon-undo-announce.json",
    result: {
      kind: "undo",
      actorUri: COUNCIL,
      innerType: "Announce",
      activityUri: `${COUNCIL}/statuses/113800000000000005/activity`,
      objectUri: "https://social.example.net/users/fireservice/statuses/55501",
    },
  },
  {
    file: "mastodon-announce-boost.json",
    result: {
      kind: "reference",
      activityType: "Announce",
      actorUri: COUNCIL,
      innerActivityType: null,
      objectUri: "https://social.example.net/users/fireservice/statuses/55501",
    },
  },
  {
    file: "mastodon-update-person.json",
    result: {
      kind: "actor",
      profile: {
        uri: COUNCIL,
        type: "Person",
        preferredUsername: "millbrookcouncil",
        name: "Millbrook Town Council",
        url: "https://social.example.org/@millbrookcouncil",
        avatarUrl: "https://files.social.example.org/accounts/avatars/crest.png",
        inbox: `${COUNCIL}/inbox`,
        sharedInbox: "https://social.example.org/inbox",
        outbox: `${COUNCIL}/outbox`,
      },
    },
  },
  {
    file: "person-type-array-icon-array.json",
    result: {
      kind: "actor",
      profile: {
        uri: "https://bridge.example.net/ap/harbourtown.example.org",
        type: "Person",
        name: "Harbourtown Parish Council",
        url: "https://harbourtown.example.org/",
        avatarUrl: "https://harbourtown.example.org/avatar-400.png",
        sharedInbox: "https://bridge.example.net/ap/sharedInbox",
      },
    },
  },
  // NodeBB: its @context defines no Hashtag; the tags must survive delivery as they do backfill.
  {
    file: "nodebb-create-note-hashtags.json",
    result: { kind: "object", activityType: "Create", actorUri: "https://forum.example/uid/1" },
    draft: {
      uri: "https://forum.example/post/7",
      authorUri: "https://forum.example/uid/1",
      visibility: "public",
      tags: ["library", "holidays"],
      published: "2026-11-30T10:15:00.000Z",
      textStartsWith: "Library opening hours over the holidays",
    },
  },
  {
    file: "nodebb-note-hashtags.json",
    result: { kind: "object", activityType: null },
    draft: { uri: "https://forum.example/post/7", tags: ["library", "holidays"] },
  },
  {
    file: "outbox-page-creates.json",
    result: { kind: "collection", nextUri: `${COUNCIL}/outbox?max_id=113400000000000000&page=true` },
    itemCount: 3,
  },
  {
    // WordPress wraps a picture and its caption in <figure>: the picture goes to the
    // attachments, the caption is one clean paragraph (not a <p> in a <p>), and an
    // emoji picture in it keeps the caption's words after it.
    file: "wordpress-article-figure-caption.json",
    result: { kind: "object", activityType: null },
    draft: {
      objectType: "Article",
      text: [
        "Bridge Street resurfacing",
        "",
        "Bridge Street will be resurfaced from 3 March.",
        "",
        "Bridge Street, looking towards the river :bridge: before the works",
        "",
        "Buses divert along Mill Lane.",
      ].join("\n"),
      htmlContains: ["<p>Bridge Street, looking towards the river :bridge: before the works</p>"],
      htmlExcludes: ["<figure", "<figcaption", "<p><p>", "<p></p>", "<img"],
      alts: ["Bridge Street at dusk"],
    },
  },
  {
    // NodeBB puts a picture in a paragraph of its own; moved to the attachments, it leaves no <p></p>.
    file: "nodebb-note-image-paragraph.json",
    result: { kind: "object", activityType: null },
    draft: {
      text: "Christmas tree collection\n\nTrees go out with the green bin in the first week of January.",
      htmlExcludes: ["<p></p>", "<img"],
      alts: ["tree.png"],
    },
  },
  {
    // NodeBB repeats the topic's title as every reply's `name`: not this reply's heading.
    file: "nodebb-reply-topic-name.json",
    result: { kind: "object", activityType: null },
    draft: {
      inReplyTo: "https://forum.example/post/12",
      text: "Real trees only: take the decorations and the stand off first.",
      htmlExcludes: ["<strong>"],
    },
  },
];

describe("own ActivityStreams fixtures", () => {
  it("has a table row for every fixture file", () => {
    expect(ROWS.map((row) => row.file).sort()).toEqual(listJsonFiles(FIXTURES));
  });

  it("converts NodeBB's delivered Create and the same Note fetched by backfill to the same draft, tags included", () => {
    const delivered = convertActivity(readJson(FIXTURES, "nodebb-create-note-hashtags.json"));
    const fetched = convertObject(readJson(FIXTURES, "nodebb-note-hashtags.json"));
    expect(delivered.kind === "object" && fetched.ok).toBe(true);
    if (delivered.kind !== "object" || !fetched.ok) return;
    expect(delivered.draft).toEqual(fetched.draft);
    expect(delivered.draft.tags).toEqual(["library", "holidays"]);
  });

  it.each(ROWS)("$file", (row) => {
    expectRow(convertActivity(readJson(FIXTURES, row.file)), row);
  });

  it("converts every item of the outbox page", () => {
    const page = convertActivity(readJson(FIXTURES, "outbox-page-creates.json"));
    if (page.kind !== "collection") throw new Error("expected a collection");
    const kinds = page.items.map((item) => convertActivity(item));
    expect(kinds.map((item) => item.kind)).toEqual(["object", "reference", "reference"]);
    expect(kinds[0]).toMatchObject({ draft: { text: "Bin collections are running normally this week.", language: "en" } });
    expect(kinds[2]).toMatchObject({ activityType: "Create", objectUri: `${COUNCIL}/statuses/113700000000000008` });
    for (const item of kinds) expect(KNOWN_KINDS).toContain(item.kind);
  });

  it("uses the excerpt as the body when an Article has no content", () => {
    const article = readJson(FIXTURES, "wordpress-article-excerpt.json") as Record<string, unknown>;
    const result = convertObject({ ...article, content: "", contentMap: undefined });
    expect(result).toMatchObject({
      ok: true,
      draft: {
        summary: null,
        text: "Winter gritting routes for 2025\n\nWhich roads we grit first, and where to find the grit bins near you.",
      },
    });
  });

  it("treats an Article summary as a content warning only when marked sensitive", () => {
    const article = readJson(FIXTURES, "wordpress-article-excerpt.json") as Record<string, unknown>;
    const result = convertObject({ ...article, sensitive: true });
    expect(result).toMatchObject({
      ok: true,
      draft: { sensitive: true, summary: "Which roads we grit first, and where to find the grit bins near you." },
    });
  });

  it("falls back to Misskey's source when content is missing and reads HTML content first", () => {
    const note = readJson(FIXTURES, "misskey-note-as-public.json") as Record<string, unknown>;
    const withHtml = convertObject({ ...note, content: "<p><span>燃えるごみ</span></p>" });
    expect(withHtml).toMatchObject({ ok: true, draft: { text: "燃えるごみ" } });
    const sourceOnly = convertObject({ ...note, _misskey_content: undefined });
    expect(sourceOnly).toMatchObject({ ok: true, draft: { text: "明日は燃えるごみの日です。\n朝8時までに出してください。" } });
  });

  it("caps the text at maxTextLength with an ellipsis", () => {
    const result = convertObject(readJson(FIXTURES, "gotosocial-note-alt-in-summary.json"), { maxTextLength: 20 });
    expect(result).toMatchObject({ ok: true, draft: { text: "The recycling centr…" } });
  });
});
