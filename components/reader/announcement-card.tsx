import type { Announcement } from "@/lib/announcements/types";
import { formatMessage } from "@/lib/i18n";
import type { Messages } from "@/lib/i18n/types";
import type { ReaderPicture } from "@/lib/reader/view";
import { AnnouncementPictures } from "./announcement-pictures";

export interface CardText {
  messages: Messages;
  /** The date already written in words in the reader's language. */
  dateInWords: string;
}

interface CardProps extends CardText {
  announcement: Announcement;
  /** Its attachments as served from Crier's own origin. */
  pictures: ReaderPicture[];
  /** On its own page the card is the page's main content (h1, no "read on its own page" link). */
  isStandalone?: boolean;
}

/** One announcement: who, when, the text (sanitised HTML), pictures with their descriptions, and links. */
export function AnnouncementCard({ announcement, pictures, messages, dateInWords, isStandalone = false }: CardProps) {
  const { account } = announcement;
  const Heading = isStandalone ? "h1" : "h2";
  const pageUrl = `/announcements/${encodeURIComponent(announcement.id)}`;
  const accountUrl = `/accounts/${encodeURIComponent(account.handle)}`;
  const lang = announcement.language && announcement.language !== "und" ? announcement.language : undefined;
  // Remote HTML was sanitised with an allowlist at ingest (lib/announcements/sanitize-html.ts).
  const body = <div className="announcement-text" lang={lang} dir="auto" dangerouslySetInnerHTML={{ __html: announcement.html }} />;
  return (
    <article className={announcement.priority === "emergency" ? "announcement emergency" : "announcement"} aria-labelledby={`a-${announcement.id}`}>
      <Heading id={`a-${announcement.id}`} className="announcement-author">
        <a href={accountUrl} dir="auto">{account.name}</a>
        {account.official ? (
          <>
            {" "}
            <span className="official-mark">
              <span aria-hidden="true">✔</span> {messages.official}
            </span>
          </>
        ) : null}
      </Heading>
      <p className="announcement-meta">
        <span className="handle" dir="ltr">{account.handle}</span>
        <br />
        {messages.postedOn}: <time dateTime={announcement.published}>{dateInWords}</time>
        {announcement.sharedBy ? (
          <>
            <br />
            <span dir="auto">{formatMessage(messages.sharedBy, { name: announcement.sharedBy.name })}</span>
          </>
        ) : null}
      </p>
      {announcement.summary ? (
        <details className="content-warning">
          <summary>
            <span lang={lang} dir="auto">{formatMessage(messages.contentWarning, { summary: announcement.summary })}</span>
            <span className="summary-hint"> {messages.contentWarningOpen}</span>
          </summary>
          {body}
          <AnnouncementPictures pictures={pictures} messages={messages} />
        </details>
      ) : (
        <>
          {body}
          <AnnouncementPictures pictures={pictures} messages={messages} />
        </>
      )}
      <ul className="plain-list actions">
        {isStandalone ? null : (
          <li><a className="button-link" href={pageUrl}>{messages.readMore}</a></li>
        )}
        <li><a className="button-link" href={`/listen?id=${encodeURIComponent(announcement.id)}`}>{messages.listen}</a></li>
        {isStandalone && announcement.url ? (
          <li><a className="button-link" href={announcement.url}>{messages.original}</a></li>
        ) : null}
      </ul>
    </article>
  );
}
