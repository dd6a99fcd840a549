import { getMediaPath, getMediaSrcset, READER_PICTURE_SIZES } from "@/lib/announcements/media-paths";
import type { Messages } from "@/lib/i18n/types";
import type { ReaderPicture } from "@/lib/reader/view";

/**
 * Pictures with their description printed beneath as visible text, so readers who
 * cannot make out the picture read what it shows. The img itself has alt="" because
 * the caption already says it (a screen reader would otherwise read it twice). Every
 * picture comes from Crier's own origin, AVIF or WebP where the browser takes them,
 * JPEG otherwise, in the width the screen needs; one that could not be had says so.
 */
export function AnnouncementPictures({ pictures, messages }: { pictures: ReaderPicture[]; messages: Messages }) {
  if (pictures.length === 0) return null;
  return (
    <>
      {pictures.map((picture, index) => (
        <figure key={picture.mediaId ?? `attachment-${index}`} className="picture">
          {picture.mediaId && !picture.isUnavailable ? (
            <picture>
              <source type="image/avif" srcSet={getMediaSrcset(picture.mediaId, "avif")} sizes={READER_PICTURE_SIZES} />
              <source type="image/webp" srcSet={getMediaSrcset(picture.mediaId, "webp")} sizes={READER_PICTURE_SIZES} />
              <img
                src={getMediaPath(picture.mediaId, 960, "jpg")}
                srcSet={getMediaSrcset(picture.mediaId, "jpg")}
                sizes={READER_PICTURE_SIZES}
                alt=""
                width={picture.width ?? undefined}
                height={picture.height ?? undefined}
                loading="lazy"
                decoding="async"
              />
            </picture>
          ) : null}
          {picture.mediaId && picture.isUnavailable ? <p className="picture-unavailable">{messages.pictureNotAvailable}</p> : null}
          <figcaption>
            <strong>{messages.picture}:</strong>{" "}
            {picture.alt ? <span dir="auto">{picture.alt}</span> : <span>{messages.noDescription}</span>}
          </figcaption>
        </figure>
      ))}
    </>
  );
}
