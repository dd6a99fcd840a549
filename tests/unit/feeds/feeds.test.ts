import { DomUtils, parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import type { Announcement } from "@/lib/announcements/types";
import { buildAtomFeed } from "@/lib/feeds/atom";
import { getItemHtml, getItemTitle, type FeedSource } from "@/lib/feeds/feed-source";
import { buildRssFeed } from "@/lib/feeds/rss";
import { escapeXml } from "@/lib/feeds/xml";

function makeAnnouncement(overrides: Partial<Announcement> = {}): Announcement {
  return {
    id: "abc",
    uri: "https://council.example/users/news/statuses/1?a=1&b=2",
    url: "https://council.example/@news/1",
    account: { handle: "@news@council.example", name: "Council <News> & \"Co\"", uri: "https://council.example/users/news", url: "https://council.example/@news", avatarUrl: null, official: true },
    published: "2026-03-01T09:00:00.000Z",
    updated: null,
    language: "en",
    summary: null,
    sensitive: false,
    html: '<p>Bins &amp; boxes: <a href="https://x.example/?a=1&amp;b=2">link</a> ]]&gt; </p>',
    text: "Bins & boxes: link ]]>",
    attachments: [],
    tags: ["Bin<Day>"],
    visibility: "public",
    priority: "normal",
    ...overrides,
  };
}

const source = (items: Announcement[]): FeedSource => ({
  title: "Public announcements & more",
  description: "From <your> council",
  pageUrl: "https://crier.example/",
  selfUrl: "https://crier.example/feed.xml",
  language: "en",
  items,
});

describe("escapeXml", () => {
  it("escapes markup characters and drops characters XML forbids", () => {
    expect(escapeXml(`<a href="x">'&'</a>\u0000\u0008ok`)).toBe("&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;ok");
  });
});

describe("RSS 2.0", () => {
  it("is well-formed and round-trips every field through escaping", () => {
    const warned = makeAnnouncement({ id: "w", summary: "Flooding <now>", attachments: [{ url: "https://c.example/a.png?x=1&y=2", mediaType: "image/png", alt: 'A "sign"', width: 1, height: 1 }] });
    const xml = buildRssFeed(source([makeAnnouncement(), warned]), "https://crier.example");
    const document = parseDocument(xml, { xmlMode: true });
    const items = DomUtils.getElementsByTagName("item", document);
    expect(items).toHaveLength(2);
    const description = DomUtils.textContent(DomUtils.getElementsByTagName("description", items[1]!)[0]!);
    expect(description).toBe(getItemHtml("https://crier.example", warned));
    // The picture is served from Crier's origin, never linked at the council's server.
    expect(description).toMatch(/<img src="https:\/\/crier\.example\/media\/w\.[\w-]{16}\/960\.jpg" alt="A &quot;sign&quot;">/);
    expect(xml).not.toContain("c.example/a.png");
    expect(description).toContain("<strong>Flooding &lt;now&gt;</strong>");
    expect(DomUtils.textContent(DomUtils.getElementsByTagName("title", items[1]!)[0]!)).toBe("Flooding <now>");
    expect(DomUtils.textContent(DomUtils.getElementsByTagName("dc:creator", items[0]!)[0]!)).toBe('Council <News> & "Co" (@news@council.example)');
    expect(DomUtils.textContent(DomUtils.getElementsByTagName("link", items[0]!)[0]!)).toBe("https://crier.example/announcements/abc");
    expect(DomUtils.textContent(DomUtils.getElementsByTagName("category", items[0]!)[0]!)).toBe("Bin<Day>");
    expect(xml).not.toContain("<a href");
    expect(xml).toContain("<pubDate>Sun, 01 Mar 2026 09:00:00 GMT</pubDate>");
  });

  it("is valid with no items", () => {
    const xml = buildRssFeed(source([]), "https://crier.example");
    expect(DomUtils.getElementsByTagName("channel", parseDocument(xml, { xmlMode: true }))).toHaveLength(1);
  });
});

describe("Atom", () => {
  it("is well-formed, with xml:lang per entry (none for und) and html content escaped", () => {
    const xml = buildAtomFeed(source([makeAnnouncement(), makeAnnouncement({ id: "u", language: "und", updated: "2026-03-02T00:00:00.000Z" })]), "https://crier.example");
    const document = parseDocument(xml, { xmlMode: true });
    const entries = DomUtils.getElementsByTagName("entry", document);
    expect(entries.map((entry) => entry.attribs["xml:lang"])).toEqual(["en", undefined]);
    expect(DomUtils.textContent(DomUtils.getElementsByTagName("content", entries[0]!)[0]!)).toBe(getItemHtml("https://crier.example", makeAnnouncement()));
    expect(DomUtils.textContent(DomUtils.getElementsByTagName("updated", entries[1]!)[0]!)).toBe("2026-03-02T00:00:00.000Z");
    expect(DomUtils.getElementsByTagName("id", entries[0]!)[0]!.children.length).toBe(1);
  });
});

describe("item titles", () => {
  it("use the content warning, else the first line, cut at 90 characters", () => {
    expect(getItemTitle(makeAnnouncement({ summary: "Flooding" }))).toBe("Flooding");
    expect(getItemTitle(makeAnnouncement({ text: "\nFirst line\nSecond" }))).toBe("First line");
    expect(getItemTitle(makeAnnouncement({ text: "x".repeat(200) }))).toHaveLength(90);
  });
});
