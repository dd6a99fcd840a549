import { describe, expect, it } from "vitest";
import { joinThread, MAX_THREAD_PARTS } from "../../../lib/announcements/threads";
import { makeDraft } from "../store/store-contract";

const part = (n: number, text = `Part ${n}`) =>
  makeDraft({ uri: `https://council.example/notes/${n}`, text, html: `<p>${text}</p>`, tags: [`tag${n % 3}`], published: `2026-11-20T09:${String(n).padStart(2, "0")}:00.000Z` });

describe("joining a thread", () => {
  it("joins parts in the order given, with tags once each and the latest part's time as its update", () => {
    const joined = joinThread(part(1), [part(2), part(3)]);
    expect(joined.uri).toBe(part(1).uri);
    expect(joined.text).toBe("Part 1\n\nPart 2\n\nPart 3");
    expect(joined.html).toBe("<p>Part 1</p>\n<p>Part 2</p>\n<p>Part 3</p>");
    expect(joined.tags).toEqual(["tag1", "tag2", "tag0"]);
    expect(joined.updated).toBe(part(3).published);
  });

  it("is bounded like one post: at most MAX_THREAD_PARTS posts and 20,000 characters of text", () => {
    const parts = Array.from({ length: 40 }, (_, index) => part(index + 2, "word ".repeat(1_000)));
    const joined = joinThread(part(1), parts);
    expect(joined.html.split("<p>").length - 1).toBe(MAX_THREAD_PARTS);
    expect(joined.text.length).toBeLessThanOrEqual(20_000);
  });

  it("leaves a post with no parts as it is", () => {
    const root = part(1);
    expect(joinThread(root, [])).toBe(root);
  });
});
