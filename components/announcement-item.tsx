import type { Announcement } from "@/lib/announcements/types";

/** One announcement in a list: who, when, the text (sanitised HTML), images with their descriptions. */
export function AnnouncementItem({ announcement }: { announcement: Announcement }) {
  const published = new Date(announcement.published);
  const body = <div lang={announcement.language === "und" ? undefined : announcement.language} dir="auto" dangerouslySetInnerHTML={{ __html: announcement.html }} />;
  return (
    <article>
      <p>
        <strong>{announcement.account.name}</strong>
        {announcement.account.official ? " (official)" : ""}{" "}
        <span>{announcement.account.handle}</span>
        <br />
        <time dateTime={announcement.published}>
          {published.toLocaleString("en-GB", { dateStyle: "full", timeStyle: "short", timeZone: "UTC" })} UTC
        </time>
      </p>
      {announcement.summary ? (
        <details>
          <summary>Warning: {announcement.summary} (show the announcement)</summary>
          {body}
        </details>
      ) : (
        body
      )}
      {announcement.attachments.map((attachment) => (
        <figure key={attachment.url}>
          {attachment.mediaType?.startsWith("image/") ? <img src={attachment.url} alt="" /> : null}
          <figcaption>{attachment.alt ? `Image: ${attachment.alt}` : "Image (no description given)"}</figcaption>
        </figure>
      ))}
    </article>
  );
}
