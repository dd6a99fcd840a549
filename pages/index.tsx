import type { GetServerSideProps } from "next";
import { listAnnouncementPage } from "@/lib/announcements/listing";
import { ANSWERED_FROM_CACHE, answerFromPageCache } from "@/lib/reader/page-cache";
import { getReaderPageProps, getRequestReaderContext, queryString, toJsonProps, type ListPageLinks, type ReaderPageProps } from "@/lib/reader/page-props";
import { getListHref, getPageFeeds, prepareCards, type ReaderCard } from "@/lib/reader/view";
import { AnnouncementList } from "@/components/reader/announcement-list";
import { EmptyState } from "@/components/reader/empty-state";
import { NewAnnouncements } from "@/components/reader/new-announcements";
import { ReaderHead } from "@/components/reader/reader-head";
import { ReaderShell } from "@/components/reader/reader-shell";

// Reading needs no JavaScript: Next's client runtime is not sent (see pages/_document).
// Everything server-only happens in getServerSideProps; the component gets plain props.
export const config = { unstable_runtimeJS: false };

const PAGE_SIZE = 20;

interface HomeProps extends ReaderPageProps, ListPageLinks {
  isFirstPage: boolean;
  cards: ReaderCard[];
}

export const getServerSideProps: GetServerSideProps<HomeProps> = async ({ req, res, query }) => {
  const context = getRequestReaderContext(req);
  // Kept HTML (or 304) when nothing changed since the last visitor of this variant: Next then renders nothing.
  if (await answerFromPageCache(req, res, context)) return ANSWERED_FROM_CACHE;
  const before = queryString(query.before) ?? null;
  const page = await listAnnouncementPage({ limit: PAGE_SIZE, before });
  return {
    props: toJsonProps({
      ...getReaderPageProps(context),
      isFirstPage: !before,
      cards: prepareCards(page.items, context),
      feeds: getPageFeeds(),
      back: getListHref("/", before),
      olderHref: page.nextBefore ? getListHref("/", page.nextBefore) : null,
      newestHref: before ? "/" : null,
    }),
  };
};

export default function HomePage({ messages, locale, languages, timesNote, isFirstPage, cards, feeds, back, olderHref, newestHref }: HomeProps) {
  return (
    <ReaderShell messages={messages} locale={locale} languages={languages} feeds={feeds} back={back}>
      <ReaderHead title={null} messages={messages} feeds={feeds} />
      <h1>{messages.homeTitle}</h1>
      <p className="intro">{messages.homeIntro}</p>
      {isFirstPage ? (
        <NewAnnouncements
          shownIds={cards.map((card) => card.announcement.id)}
          newestPublished={cards[0]?.announcement.published ?? null}
          account={null}
          href="/"
          textOne={messages.newAnnouncementsOne}
          textOther={messages.newAnnouncementsOther}
        />
      ) : null}
      {cards.length === 0 && isFirstPage ? (
        <EmptyState messages={messages} />
      ) : (
        <AnnouncementList items={cards} messages={messages} olderHref={olderHref} newestHref={newestHref} />
      )}
      <p className="footnote">{timesNote}</p>
    </ReaderShell>
  );
}
