import type { Metadata } from "next";
import { listAnnouncementPage } from "@/lib/announcements/listing";
import { getReaderContext } from "@/lib/reader/context";
import { getListHref, getPageFeeds, listLanguages, prepareCards } from "@/lib/reader/view";
import { AnnouncementList } from "@/components/reader/announcement-list";
import { EmptyState } from "@/components/reader/empty-state";
import { NewAnnouncements } from "@/components/reader/new-announcements";
import { ReaderShell } from "@/components/reader/reader-shell";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 20;

export async function generateMetadata(): Promise<Metadata> {
  const { messages } = await getReaderContext();
  const feeds = getPageFeeds();
  return {
    title: { absolute: messages.siteName },
    alternates: { types: { "application/rss+xml": [{ url: feeds.rss, title: messages.feedRss }], "application/atom+xml": [{ url: feeds.atom, title: messages.feedAtom }] } },
  };
}

export default async function HomePage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const { before } = await searchParams;
  const context = await getReaderContext();
  const { messages, locale } = context;
  const page = await listAnnouncementPage({ limit: PAGE_SIZE, before });
  const newest = page.items[0];
  return (
    <ReaderShell messages={messages} locale={locale} languages={listLanguages()} feeds={getPageFeeds()} back={getListHref("/", before)}>
      <h1>{messages.homeTitle}</h1>
      <p className="intro">{messages.homeIntro}</p>
      {before ? null : (
        <NewAnnouncements
          shownIds={page.items.map((item) => item.id)}
          newestPublished={newest?.published ?? null}
          account={null}
          href="/"
          textOne={messages.newAnnouncementsOne}
          textOther={messages.newAnnouncementsOther}
        />
      )}
      {page.items.length === 0 && !before ? (
        <EmptyState messages={messages} />
      ) : (
        <AnnouncementList
          items={prepareCards(page.items, context)}
          messages={messages}
          olderHref={page.nextBefore ? getListHref("/", page.nextBefore) : null}
          newestHref={before ? "/" : null}
        />
      )}
      <p className="footnote">{messages.timeZoneNote}</p>
    </ReaderShell>
  );
}
