import { createHash } from "node:crypto";
import { getMediaPath, isPicture } from "./media-paths";
import type { Announcement } from "./types";

// Pictures are served from Crier's own origin (/media/{id}/{width}.{format}), never
// linked at the council's server: that server may be slow, down, or log every
// resident who looks. A picture's id joins its announcement's id (so a delete finds
// every copy) and a hash of its remote URL (so an edit that swaps the picture gets a
// new id, and the year-long immutable caching never shows the old one).

/** The id a picture is served under: `{announcement id}.{hash of its remote URL}`. */
export function getMediaId(announcementId: string, remoteUrl: string): string {
  return `${announcementId}.${hashRemoteUrl(remoteUrl)}`;
}

/** The part of a media id that names the remote picture. */
export function hashRemoteUrl(remoteUrl: string): string {
  return createHash("sha256").update(remoteUrl).digest("base64url").slice(0, 16);
}

/**
 * The announcement as the public sees it (JSON API, signage, live events): each
 * picture's `url` is its widest JPEG on Crier's origin; other attachments are kept as
 * they are. No page shows avatars, so their remote URL is left out (null).
 */
export function toPublicAnnouncement(announcement: Announcement, origin: string): Announcement {
  const hasPictures = announcement.attachments.some(isPicture);
  if (!hasPictures && announcement.account.avatarUrl === null) return announcement;
  return {
    ...announcement,
    account: { ...announcement.account, avatarUrl: null },
    attachments: hasPictures
      ? announcement.attachments.map((attachment) => (isPicture(attachment)
        ? { ...attachment, url: `${origin}${getMediaPath(getMediaId(announcement.id, attachment.url), 1920, "jpg")}` }
        : attachment))
      : announcement.attachments,
  };
}
