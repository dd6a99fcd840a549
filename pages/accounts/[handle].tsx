import type { GetServerSideProps } from "next";
import { listAnnouncementPage } from "@/lib/announcements/listing";
import { formatMessage } from "@/lib/i18n";
import { ANSWERED_FROM_CACHE, answerFromPageCache } from "@/lib/reader/page-cache";
import { getReaderPageProps, getRequestReaderContext, queryString, toJsonProps, type ListPageLinks, type ReaderPageProps } from "@/lib/reader/page-props";
import { getListHref, getPageFeeds, prepareCards, type ReaderCard } from "@/lib/reader/view";
import { AnnouncementList } from "@/components/reader/announcement-list";
import { NewAnnouncements } from "@/components/reader/new-announcements";
import { ReaderHead } from "@/components/reader/reader-head";
import { ReaderShell } from "@/components/reader/reader-shell";

export const config = { unstable_runtimeJS: false };

const PAGE_SIZE = 20;

interface AccountProps extends ReaderPageProps, ListPageLinks {
  handle: string;
  base: string;
  title: string;
  intro: string;
  isFirstPage: boolean;
  cards: ReaderCard[];
}

export const getServerSideProps: GetServerSideProps<AccountProps> = async ({ req, res, params, query }) => {
  const context = getRequestReaderContext(req);
  // Kept HTML (or 304) when nothing changed since the last visitor of this variant: Next then renders nothing.
  if (await answerFromPageCache(req, res, context)) return ANSWERED_FROM_CACHE;
  const handle = queryString(params?.handle) ?? "";
  const before = queryString(query.before) ?? null;
  const page = await listAnnouncementPage({ limit: PAGE_SIZE, account: handle, before });
  const name = page.items[0]?.account.name ?? handle;
  const base = `/accounts/${encodeURIComponent(handle)}`;
  return {
    props: toJsonProps({
      ...getReaderPageProps(context),
      handle,
      base,
      title: formatMessage(context.messages.accountTitle, { name }),
      intro: formatMessage(context.messages.accountIntro, { name, handle }),
      isFirstPage: !before,
      cards: prepareCards(page.items, context),
      feeds: getPageFeeds(handle),
      back: getListHref(base, before),
      olderHref: page.nextBefore ? getListHref(base, page.nextBefore) : null,
      newestHref: before ? base : null,
    }),
  };
};

export default function AccountPage(props: AccountProps) {
  const { messages, locale, languages, handle, base, title, intro, isFirstPage, cards, feeds, back, olderHref, newestHref } = props;
  return (
    <ReaderShell messages={messages} locale={locale} languages={languages} feeds={feeds} back={back}>
      <ReaderHead title={title} messages={messages} feeds={feeds} />
      <h1 dir="auto">{title}</h1>
      <p className="intro">{intro}</p>
      <p><a className="button-link" href="/">{messages.backToAll}</a></p>
      {isFirstPage ? (
        <NewAnnouncements
          shownIds={cards.map((card) => card.announcement.id)}
          newestPublished={cards[0]?.announcement.published ?? null}
          account={handle}
          href={base}
          textOne={messages.newAnnouncementsOne}
          textOther={messages.newAnnouncementsOther}
        />
      ) : null}
      {cards.length === 0 ? (
        <p className="notice">{messages.accountEmpty}</p>
      ) : (
        <AnnouncementList items={cards} messages={messages} olderHref={olderHref} newestHref={newestHref} />
      )}
    </ReaderShell>
  );
}
