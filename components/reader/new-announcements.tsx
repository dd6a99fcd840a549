"use client";

import useSWR from "swr";

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

const fetchItems = (url: string) => fetch(url).then((response) => (response.ok ? response.json() : { items: [] }));

/**
 * A polite "N new announcements, show" link. It only counts: nothing on the page
 * moves or refreshes until the reader chooses to. Its box is always there (empty),
 * so the link appearing never pushes the text the reader is looking at.
 */
export function NewAnnouncements({ shownIds, newestPublished, account, href, textOne, textOther }: Props) {
  const url = `/api/announcements?limit=50${account ? `&account=${encodeURIComponent(account)}` : ""}`;
  const { data } = useSWR<{ items: { id: string; published: string }[] }>(url, fetchItems, {
    refreshInterval: 60_000,
    revalidateOnMount: true,
  });
  const shown = new Set(shownIds);
  const count = (data?.items ?? []).filter((item) => !shown.has(item.id) && (!newestPublished || item.published > newestPublished)).length;
  const text = count === 1 ? textOne : textOther.replace("{count}", String(count));
  return (
    <div className="live-slot" role="status">
      {count > 0 ? (
        <a className="button-link" href={href}>
          {text}
        </a>
      ) : null}
    </div>
  );
}
