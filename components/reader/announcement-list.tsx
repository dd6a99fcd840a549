import type { Messages } from "@/lib/i18n/types";
import type { ReaderCard } from "@/lib/reader/view";
import { AnnouncementCard } from "./announcement-card";

interface ListProps {
  items: ReaderCard[];
  messages: Messages;
  /** Link to the next (older) page, when there is one. */
  olderHref: string | null;
  /** Link back to the first page, when this is not it. */
  newestHref: string | null;
}

/** Announcements newest first, with links to older pages. */
export function AnnouncementList({ items, messages, olderHref, newestHref }: ListProps) {
  return (
    <>
      {items.map(({ announcement, pictures, dateInWords }) => (
        <AnnouncementCard key={announcement.id} announcement={announcement} pictures={pictures} messages={messages} dateInWords={dateInWords} />
      ))}
      {olderHref || newestHref ? (
        <nav className="pager" aria-label={messages.older}>
          <ul className="plain-list">
            {olderHref ? <li><a className="button-link" href={olderHref} rel="next">{messages.older}</a></li> : null}
            {newestHref ? <li><a className="button-link" href={newestHref}>{messages.newest}</a></li> : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
}
