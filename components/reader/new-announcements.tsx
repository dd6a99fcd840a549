interface Props {
  /** Ids already on the page; anything else newer than `newestPublished` counts as new. */
  shownIds: string[];
  newestPublished: string | null;
  account: string | null;
  /** Where "show" goes: the first page of this list. */
  href: string;
  textOne: string;
  textOther: string;
}

/**
 * The empty box for a polite "N new announcements, show" link. public/reader.js (plain
 * script, progressive enhancement) fills it: it only counts, so nothing on the page
 * moves or refreshes until the reader chooses to. The box is always there, so the
 * link appearing never pushes the text the reader is looking at.
 */
export function NewAnnouncements({ shownIds, newestPublished, account, href, textOne, textOther }: Props) {
  return (
    <div
      className="live-slot"
      role="status"
      data-shown={shownIds.join(" ")}
      data-newest={newestPublished ?? ""}
      data-account={account ?? ""}
      data-href={href}
      data-one={textOne}
      data-other={textOther}
    />
  );
}
