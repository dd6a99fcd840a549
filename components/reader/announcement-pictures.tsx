import type { Attachment } from "@/lib/announcements/types";
import type { Messages } from "@/lib/i18n/types";

/**
 * Pictures with their description printed beneath as visible text, so readers who
 * cannot make out the picture read what it shows. The img itself has alt="" because
 * the caption already says it (a screen reader would otherwise read it twice).
 */
export function AnnouncementPictures({ attachments, messages }: { attachments: Attachment[]; messages: Messages }) {
  if (attachments.length === 0) return null;
  return (
    <>
      {attachments.map((attachment) => (
        <figure key={attachment.url} className="picture">
          {attachment.mediaType === null || attachment.mediaType.startsWith("image/") ? (
            <img src={attachment.url} alt="" width={attachment.width ?? undefined} height={attachment.height ?? undefined} loading="lazy" />
          ) : null}
          <figcaption>
            <strong>{messages.picture}:</strong>{" "}
            {attachment.alt ? <span dir="auto">{attachment.alt}</span> : <span>{messages.noDescription}</span>}
          </figcaption>
        </figure>
      ))}
    </>
  );
}
