import { describe, expect, it } from "vitest";
import { getMediaPath, getMediaSrcset, isPicture, parseMediaId, srcsetFromMediaUrl } from "../../../lib/announcements/media-paths";
import { getMediaId, toPublicAnnouncement } from "../../../lib/announcements/public-media";
import type { Announcement } from "../../../lib/announcements/types";

function makeAnnouncement(attachments: Announcement["attachments"]): Announcement {
  return {
    id: "niuBTDOSxHf6TAkP", uri: "https://council.example/notes/1", url: null,
    account: { handle: "@news@council.example", name: "News", uri: "https://council.example/users/news", url: null, avatarUrl: "https://council.example/avatar.png", official: false },
    published: "2026-11-20T09:00:00.000Z", updated: null, language: "en", summary: null, sensitive: false,
    html: "<p>Hi</p>", text: "Hi", attachments, tags: [], visibility: "public", priority: "normal",
  };
}

describe("pictures on Crier's own origin", () => {
  it("names a picture by its announcement and a hash of its remote URL, which parses back", () => {
    const id = getMediaId("niuBTDOSxHf6TAkP", "https://council.example/media/a.png");
    expect(parseMediaId(id)).toEqual({ announcementId: "niuBTDOSxHf6TAkP", hash: id.split(".")[1] });
    expect(getMediaId("niuBTDOSxHf6TAkP", "https://council.example/media/b.png")).not.toBe(id);
    for (const bad of ["", "x", "../etc.passwd", "a.b", `a.${"x".repeat(15)}`, `a/b.${"x".repeat(16)}`]) expect(parseMediaId(bad), bad).toBeNull();
  });

  it("rewrites pictures to their widest JPEG on the given origin, keeps other attachments, and drops the remote avatar", () => {
    const picture = { url: "https://council.example/media/a.png", mediaType: "image/png", alt: "A sign", width: 640, height: 360 };
    const video = { url: "https://council.example/media/v.mp4", mediaType: "video/mp4", alt: null, width: null, height: null };
    const original = makeAnnouncement([picture, video]);
    const shown = toPublicAnnouncement(original, "https://crier.example");
    expect(shown.attachments[0]).toEqual({ ...picture, url: `https://crier.example/media/${getMediaId(original.id, picture.url)}/1920.jpg` });
    expect(shown.attachments[1]).toEqual(video);
    expect(shown.account.avatarUrl).toBeNull();
    expect(original.attachments[0]!.url).toBe(picture.url);
    expect(toPublicAnnouncement(makeAnnouncement([]), "").account.avatarUrl).toBeNull();
  });

  it("builds srcsets of every width from a copy's URL, and none from a URL that is not Crier's", () => {
    const url = `https://crier.example${getMediaPath("niuBTDOSxHf6TAkP.abcdefghijklmnop", 1920, "jpg")}`;
    expect(srcsetFromMediaUrl(url, "avif")).toBe(getMediaSrcset("niuBTDOSxHf6TAkP.abcdefghijklmnop", "avif", "https://crier.example"));
    expect(srcsetFromMediaUrl("https://council.example/a.png", "webp")).toBeNull();
  });

  it("knows a picture by its type, or by its file name when untyped", () => {
    expect(isPicture({ url: "https://x/a", mediaType: "image/webp" })).toBe(true);
    expect(isPicture({ url: "https://x/a.jpg?size=big", mediaType: null })).toBe(true);
    expect(isPicture({ url: "https://x/a.png", mediaType: "video/mp4" })).toBe(false);
    expect(isPicture({ url: "https://x/a.svg", mediaType: "image/svg+xml" })).toBe(false);
  });
});
