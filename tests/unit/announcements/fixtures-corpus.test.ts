import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { convertActivity } from "../../../lib/announcements/from-activity-streams";
import { CORPUS_KINDS } from "./corpus-kinds";
import {
  describeConversion,
  expectRow,
  expectSafeDraft,
  listJsonFiles,
  readJson,
  type FixtureRow,
} from "./fixture-expectations";

// Real payloads from other projects' test suites, kept beside the project (never
// copied into it): /work/shared/fixtures/activitypub, described in its INDEX.md.
const CORPUS = path.resolve(__dirname, "../../../../shared/fixtures/activitypub");
const hasCorpus = fs.existsSync(CORPUS);
if (!hasCorpus) {
  console.warn(`Skipping the ActivityPub fixture corpus: ${CORPUS} is not beside the project.`);
}

const ROWS: FixtureRow[] = [
  // Mastodon
  {
    file: "mastodon/create-note-alt-text-ld-signature.json",
    result: { kind: "object", activityType: "Create", actorUri: "https://mastodon.social/users/mczachurski" },
    draft: {
      authorUri: "https://mastodon.social/users/mczachurski",
      language: "en",
      visibility: "public",
      sensitive: false,
      summary: null,
      tags: ["prague", "gdansk", "krakow", "london", "wroclaw"],
      textContains: ["#Prague, #Gdańsk, #Kraków, #London and #Wrocław"],
      attachments: [{
        mediaType: "image/png",
        alt: "Screenshot from Capture One (edit RAW photos software) with a lot of different kind of photos.",
        width: 2200,
        height: 1384,
      }],
    },
  },
  {
    file: "mastodon/create-note-cw-mention-hashtag.json",
    result: { kind: "object" },
    draft: { summary: "cw", sensitive: true, tags: ["moo"], text: "@lain #moo", visibility: "public", language: null },
  },
  {
    file: "mastodon/create-note-reply-mention-contentmap-en.json",
    result: { kind: "object" },
    draft: {
      visibility: "unlisted",
      language: "en",
      inReplyTo: "https://mamot.fr/users/retiolus/statuses/107224244380204526",
      // `content` wins over the slightly different contentMap value.
      textStartsWith: "@retiolus i have never been disappointed by a thinkpad.",
    },
  },
  {
    file: "mastodon/note-image-alt-blurhash-focalpoint.json",
    result: { kind: "object", activityType: null },
    draft: {
      authorUri: "https://floss.social/users/kde",
      language: "en",
      textContains: ["Please support us with a donation:\n\nkde.org/donate/"],
      textExcludes: ["https://kde.org"],
      attachments: [{
        alt: "The KDE dragons Katie and Konqi stand on either side of a pot filling up with gold coins. Donate!",
        width: 1500,
        height: 1095,
      }],
    },
  },
  {
    file: "mastodon/note-contentmap-it-mentions-lemmy-group.json",
    result: { kind: "object" },
    // The client mislabelled English as Italian; we report what the post says.
    draft: { language: "it", visibility: "public", textStartsWith: "@tenforward Variable never resetting at refresh" },
  },
  {
    file: "mastodon/create-question-poll-oneof.json",
    result: { kind: "object" },
    draft: {
      objectType: "Question",
      language: "en",
      text: "Why is Tenshi eating a corndog so cute?\n\n• Dunno\n• Everyone knows that!\n• 25 char limit is dumb\n• I can't even fit a funny",
    },
  },
  { file: "mastodon/create-poll-vote-note-with-name.json", result: { kind: "skip", reason: "poll-vote" } },
  { file: "mastodon/note-direct-message-contentmap-es.json", result: { kind: "skip", reason: "not-public" } },
  { file: "mastodon/announce-followers-only-inline-object.json", result: { kind: "skip", reason: "not-public" } },
  { file: "mastodon/question-anyof-docs-example.json", result: { kind: "skip", reason: "not-public" } },
  {
    file: "mastodon/delete-tombstone-ld-signature.json",
    result: {
      kind: "delete",
      actorUri: "https://mastodon.madrid/users/felix",
      objectUri: "https://mastodon.madrid/users/felix/statuses/107773559874184870",
      isAccountDeletion: false,
    },
  },
  {
    file: "mastodon/delete-actor-account.json",
    result: { kind: "delete", objectUri: "http://mastodon.example.org/users/admin", isAccountDeletion: true },
  },
  {
    file: "mastodon/undo-announce.json",
    result: {
      kind: "undo",
      innerType: "Announce",
      actorUri: "http://mastodon.example.org/users/admin",
      objectUri: "http://mastodon.example.org/@admin/99541947525187367",
    },
  },
  {
    file: "mastodon/announce-boost.json",
    result: { kind: "reference", activityType: "Announce", objectUri: "http://mastodon.example.org/@admin/99541947525187367" },
  },
  {
    file: "mastodon/update-person-propertyvalue.json",
    result: {
      kind: "actor",
      profile: { uri: "http://mastodon.example.org/users/gargron", name: "gargle", sharedInbox: "http://mastodon.example.org/inbox" },
    },
  },
  {
    file: "mastodon/person-type-array-vcard.json",
    result: { kind: "actor", profile: { type: "Person", preferredUsername: "foo", name: null, sharedInbox: "https://ap.example.com/inbox" } },
  },
  {
    file: "mastodon/person-inbox-null-icon-string.json",
    result: { kind: "actor", profile: { inbox: null, avatarUrl: "https://quitter.no/avatar/7477-300-20160211190340.png" } },
  },
  { file: "mastodon/featured-collection-hashtags.json", result: { kind: "collection", nextUri: null }, itemCount: 1 },

  // GoToSocial
  {
    file: "gotosocial/note-image-alt-in-summary-emoji-hashtag.json",
    result: { kind: "object" },
    draft: {
      visibility: "public",
      summary: null,
      tags: ["welcome"],
      text: "hello world! #welcome ! first post on the instance :rainbow: !",
      alts: ["Black and white image of some 50's style text saying: Welcome On Board"],
    },
  },
  {
    file: "gotosocial/note-cw-introduction-post.json",
    result: { kind: "object" },
    draft: { summary: "introduction post", sensitive: true, text: "hello everyone!", published: "2021-10-20T10:40:37.000Z" },
  },
  {
    file: "gotosocial/note-reply-approvedby-offset-timestamp.json",
    result: { kind: "object" },
    draft: { tags: [], text: "Hi @1happyturtle, can I reply?", published: "2024-02-20T10:41:37.000Z", language: null },
  },
  { file: "gotosocial/note-contentmap-en-fr-interactionpolicy.json", result: { kind: "skip", reason: "invalid" } },
  { file: "gotosocial/announce-followers-only.json", result: { kind: "skip", reason: "not-public" } },
  {
    file: "gotosocial/outbox-orderedcollectionpage.json",
    result: { kind: "collection", nextUri: "http://localhost:8080/users/the_mighty_zork/outbox?limit=40&max_id=01F8MHAMCHF6Y650WCRSCP4WMY" },
    itemCount: 3,
  },
  {
    file: "gotosocial/outbox-orderedcollection.json",
    result: { kind: "collection", nextUri: "http://localhost:8080/users/the_mighty_zork/outbox?limit=40" },
    itemCount: 0,
  },

  // Misskey and forks
  {
    file: "misskey/note-misskey-content.json",
    result: { kind: "object" },
    draft: { language: null, text: "Fantiaこれできないように過去のやつは従量課金だった気がする", visibility: "public" },
  },
  { file: "misskey/create-note.json", result: { kind: "object", activityType: "Create" }, draft: { text: "meow" } },
  {
    file: "misskey/catodon-note-bad-hashtag-misskeymarkdown.json",
    result: { kind: "object" },
    draft: { tags: ["bad-hashtag"], language: "en", text: "A post with a #bad-hashtag" },
  },
  {
    file: "misskey/question-poll-no-endtime.json",
    result: { kind: "object" },
    draft: { objectType: "Question", textContains: ["How are your notifications now?", "• Working\n• Broken af"] },
  },
  { file: "misskey/like-misskey-reaction.json", result: { kind: "skip", reason: "unsupported-type" } },
  { file: "fedibird/note-quote-contentmap-ja.json", result: { kind: "object" }, draft: { language: "ja", textStartsWith: "いつの生まれだシトリン" } },

  // Pleroma family
  {
    file: "pleroma/create-note-reply-mention.json",
    result: { kind: "object" },
    draft: { visibility: "public", text: "@lanodan test", summary: null, sensitive: false, language: null },
  },
  {
    file: "pleroma/question-poll-closed.json",
    result: { kind: "object" },
    draft: { text: "can you vote on this poll?\n\n• yes\n• no", authorUri: "https://patch.cx/users/rin" },
  },
  { file: "pleroma/create-chatmessage.json", result: { kind: "skip", reason: "unsupported-type" } },
  { file: "pleroma/emojireact.json", result: { kind: "skip", reason: "unsupported-type" } },

  // Lemmy
  {
    file: "lemmy/announce-create-page-from-group.json",
    result: { kind: "object", activityType: "Announce", innerActivityType: "Create", actorUri: "http://enterprise.lemmy.ml/c/main" },
    draft: { objectType: "Page", authorUri: "http://enterprise.lemmy.ml/u/lemmy_beta", text: "post 4", visibility: "public" },
  },
  {
    file: "lemmy/page-post-language-markdown-source.json",
    result: { kind: "object" },
    draft: {
      language: "fr",
      text: "Post title\n\nThis is a post in the /c/tenforward community",
      attachments: [{ url: "https://enterprise.lemmy.ml/pictrs/image/eOtYb9iEiB.png", mediaType: "image/png" }],
    },
  },
  {
    file: "lemmy/page-image-and-link.json",
    result: { kind: "object" },
    draft: {
      attachments: [{ url: "https://enterprise.lemmy.ml/pictrs/image/eOtYb9iEiB.png" }],
      textContains: ["https://example.com/some-article"],
    },
  },
  {
    file: "lemmy/update-page-edit.json",
    result: { kind: "object", activityType: "Update" },
    draft: { text: "test post 1\n\ntest body", updated: "2021-10-29T15:11:35.976Z" },
  },
  {
    file: "lemmy/undo-delete-page.json",
    result: { kind: "undo", innerType: "Delete", objectUri: "http://ds9.lemmy.ml/post/1" },
  },
  { file: "lemmy/page-legacy-with-context.json", result: { kind: "skip", reason: "not-public" } },
  { file: "lemmy/group-outbox-announces.json", result: { kind: "collection" }, itemCount: 2 },

  // PeerTube
  {
    file: "peertube/video-object.json",
    result: { kind: "object" },
    draft: {
      objectType: "Video",
      url: "https://tilvids.com/videos/watch/e7946124-7b72-4ad7-9d22-844a84bb2de1",
      language: "en",
      authorUri: "https://tilvids.com/accounts/thelinuxexperiment",
      textStartsWith: "Mesa, Wayland & X.org in trouble, Debian leaves X, Facebook blocks Linux: Linux & Open Source News\n\nHead to",
      attachments: [{ url: "https://tilvids.com/lazy-static/previews/ef6088ee-c83a-4fcf-8be2-58db95ca5135.jpg", width: 850, height: 480 }],
    },
  },
  {
    file: "peertube/create-video-hls-only-fr.json",
    result: { kind: "object", activityType: "Create" },
    draft: {
      language: "fr",
      tags: ["France3", "lezapping"],
      authorUri: "https://peertube.stream/accounts/createurs",
      textContains: ["https://peertube.stream/videos/watch/abece3c3-b9c6-47f4-8040-f3eed8c602e6"],
    },
  },
  {
    file: "peertube/group-channel-actor.json",
    result: {
      kind: "actor",
      profile: { type: "Group", avatarUrl: "https://tilvids.com/lazy-static/avatars/13b0214b-edc0-4c5b-a04d-be648a3a370a.jpg" },
    },
  },

  // WordPress
  {
    file: "wordpress/article-namemap-summarymap-images-alt.json",
    result: { kind: "object" },
    draft: {
      objectType: "Article",
      summary: null,
      sensitive: false,
      language: "en",
      tags: ["3DPrinting", "ai", "Boardgames", "GenAI", "LastLight"],
      textStartsWith: "An Epic 3D-Printed Fan Expansion for Last Light\n\nI recently got my hands on a 3D printer",
      alts: ["A fleet of varied spacships", null, null, null],
      attachments: [
        { url: "https://i0.wp.com/dbzer0.com/wp-content/uploads/2025/12/Splash-Art2-3.png?fit=980%2C980&ssl=1" },
        {}, {}, {},
      ],
    },
  },
  {
    file: "wordpress/announce-update-article-from-group.json",
    result: { kind: "object", activityType: "Announce", innerActivityType: "Update", actorUri: "https://pfefferle.org/@pfefferle.org" },
    draft: { authorUri: "https://pfefferle.org/author/pfefferle/", summary: null, textStartsWith: "Lemmy (Part 4)\n\nIdentifies" },
  },
  {
    file: "wordpress/create-article-pterotype-gutenberg.json",
    result: { kind: "object" },
    draft: {
      published: null,
      textStartsWith: "The end is near: Mastodon plans to drop OStatus support\n\nThe days of OStatus are numbered.",
      htmlExcludes: ["wp:paragraph"],
    },
  },

  // Pixelfed
  {
    file: "pixelfed/create-note-image-alt-place-location.json",
    result: { kind: "object" },
    draft: {
      tags: ["streetphotography", "colorphotography"],
      alts: ["Stickers on the glass from the stairs, casting long and colourful shadows from the sun."],
      published: "2023-10-30T13:07:15.000Z",
    },
  },
  {
    file: "pixelfed/create-reply-tag-single-object.json",
    result: { kind: "object" },
    draft: { tags: [], text: "Extra colours!", inReplyTo: "https://gram.social/p/Alice/650350850687790456" },
  },
  { file: "pixelfed/announce-timestamp-no-colon.json", result: { kind: "reference", activityType: "Announce" } },

  // Others
  {
    file: "mobilizon/event.json",
    result: { kind: "object" },
    draft: {
      objectType: "Event",
      language: "en",
      authorUri: "https://rendezvous.nomagic.uk/@devon_caledonian_society",
      tags: ["Dance", "Caledonian", "Lesson"],
      textStartsWith: "Caledonian scottish dance class\n\n£6 each.",
      textContains: ["Starts: Sunday, 11 December 2022 at 19:00 GMT\n\nLocation: The Kenn Centre"],
      alts: ["Banner"],
    },
  },
  {
    file: "friendica/create-article-contentmap-de.json",
    result: { kind: "object" },
    draft: { language: "de", visibility: "unlisted", text: "From Friendica to Lemmy\n\nHello Lemmy!" },
  },
  {
    file: "funkwhale/create-audio.json",
    result: { kind: "object" },
    draft: {
      objectType: "Audio",
      url: "https://channels.tests.funkwhale.audio/library/tracks/74",
      summary: null,
      tags: ["funkwhale", "test", "tests"],
      attachments: [{ mediaType: "audio/ogg" }],
    },
  },
  {
    file: "hubzilla/create-image-object.json",
    result: { kind: "object" },
    draft: {
      objectType: "Image",
      textExcludes: ["daf82c18ef92a84cda72"],
      attachments: [{ url: "https://hub.somaton.com/photo/452583b2-7e1f-4ac3-8334-ff666f134afe-0.jpg", width: 2200 }],
    },
  },
  {
    file: "kroeg/create-note-tag-not-array.json",
    result: { kind: "object" },
    draft: { tags: ["test"], authorUri: "https://puckipedia.com/", text: "test" },
  },
  { file: "kroeg/announce-inline-actor.json", result: { kind: "object", activityType: "Announce", actorUri: "https://puckipedia.com/" } },
  {
    file: "prismo/create-article-url-link-object.json",
    result: { kind: "object" },
    draft: { url: "https://prismo.news/posts/83", authorUri: "https://prismo.news/@mxb", tags: ["prismo", "prismodev", "meta"] },
  },
  {
    file: "owncast/note-live-attachment-object.json",
    result: { kind: "object" },
    draft: { alts: ["Live stream preview"], tags: ["owncast", "streaming"], textStartsWith: "I've gone live!" },
  },
  {
    file: "bridgy-fed/note-bluesky-url-array-alt.json",
    result: { kind: "object" },
    draft: {
      url: "https://bsky.brid.gy/r/https://bsky.app/profile/did:plc:25pjv3klpvtyfupgodearyop/post/3mhfimrpn5s2b",
      alts: ["A semaphore signal at Park South near Barrow-in-Furness."],
    },
  },
  {
    file: "smithereen/question-named-poll-ru.json",
    result: { kind: "object" },
    draft: { textStartsWith: "тестовый опрос\n\nздесь тоже можно", textContains: ["• тестовый ответ 3"] },
  },
  { file: "discourse/note-with-name.json", result: { kind: "skip", reason: "not-public" } },
  { file: "bandwagon/album-unknown-type.json", result: { kind: "skip", reason: "unsupported-type" } },
  { file: "gotosocial/move-account.json", result: { kind: "skip", reason: "unsupported-type" } },
];

describe.skipIf(!hasCorpus)("shared ActivityPub fixture corpus", () => {
  const files = hasCorpus ? listJsonFiles(CORPUS) : [];

  it("holds the files the tables name", () => {
    expect(files.length).toBeGreaterThanOrEqual(100);
    for (const row of ROWS) expect(files).toContain(row.file);
    expect(files).toEqual(Object.keys(CORPUS_KINDS).sort());
  });

  // Every file gets the outcome written for it, never a skip the converters' catch-all
  // made of an exception: "it did not throw" alone would hold for any converter.
  it.each(files)("converts %s to what it is", (file) => {
    const result = convertActivity(readJson(CORPUS, file));
    expect(describeConversion(result)).toBe(CORPUS_KINDS[file]);
    if (result.kind === "object") expectSafeDraft(result.draft);
    if (result.kind === "collection") {
      for (const item of result.items) expect(describeConversion(convertActivity(item))).not.toMatch(/^caught exception/);
    }
  });

  it.each(ROWS)("$file", (row) => {
    expectRow(convertActivity(readJson(CORPUS, row.file)), row);
  });
});
