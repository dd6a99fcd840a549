import type { Metadata } from "next";
import { listAnnouncementPage } from "@/lib/announcements/listing";
import { formatMessage } from "@/lib/i18n";
import { getReaderContext } from "@/lib/reader/context";
import { getListHref, getPageFeeds, listLanguages, prepareCards } from "@/lib/reader/view";
import { AnnouncementList } from "@/components/reader/announcement-list";
import { NewAnnouncements } from "@/components/reader/new-announcements";
import { ReaderShell } from "@/components/reader/reader-shell";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 20;

type Params = { params: Promise<{ handle: string }>; searchParams: Promise<{ before?: string }> };

async function loadAccountPage({ params, searchParams }: Params) {
  const handle = decodeURIComponent((await params).handle);
  const { before } = await searchParams;
  const page = await listAnnouncementPage({ limit: PAGE_SIZE, account: handle, before });
  return { handle, before, page, name: page.items[0]?.account.name ?? handle };
}

export async function generateMetadata(props: Params): Promise<Metadata> {
  const { messages } = await getReaderContext();
  const { handle, name } = await loadAccountPage(props);
  const feeds = getPageFeeds(handle);
  return {
    title: formatMessage(messages.accountTitle, { name }),
    alternates: { types: { "application/rss+xml": [{ url: feeds.rss, title: messages.feedRss }], "application/atom+xml": [{ url: feeds.atom, title: messages.feedAtom }] } },
  };
}

export default async function AccountPage(props: Params) {
  const context = await getReaderContext();
  const { messages, locale } = context;
  const { handle, before, page, name } = await loadAccountPage(props);
  const base = `/accounts/${encodeURIComponent(handle)}`;
  return (
    <ReaderShell messages={messages} locale={locale} languages={listLanguages()} feeds={getPageFeeds(handle)} back={getListHref(base, before)}>
      <h1 dir="auto">{formatMessage(messages.accountTitle, { name })}</h1>
      <p className="intro">{formatMessage(messages.accountIntro, { name, handle })}</p>
      <p><a className="button-link" href="/">{messages.backToAll}</a></p>
      {before ? null : (
        <NewAnnouncements
          shownIds={page.items.map((item) => item.id)}
          newestPublished={page.items[0]?.published ?? null}
          account={handle}
          href={base}
          textOne={messages.newAnnouncementsOne}
          textOther={messages.newAnnouncementsOther}
        />
      )}
      {page.items.length === 0 ? (
        <p className="notice">{messages.accountEmpty}</p>
      ) : (
        <AnnouncementList
          items={prepareCards(page.items, context)}
          messages={messages}
          olderHref={page.nextBefore ? getListHref(base, page.nextBefore) : null}
          newestHref={before ? base : null}
        />
      )}
    </ReaderShell>
  );
}
