import type { GetServerSideProps } from "next";
import { getAnnouncement } from "@/lib/announcements/listing";
import { formatMessage } from "@/lib/i18n";
import { ANSWERED_FROM_CACHE, answerFromPageCache } from "@/lib/reader/page-cache";
import { getReaderPageProps, getRequestReaderContext, queryString, toJsonProps, type ReaderPageProps } from "@/lib/reader/page-props";
import { getPageFeeds, prepareCards, type ReaderCard } from "@/lib/reader/view";
import { AnnouncementCard } from "@/components/reader/announcement-card";
import { NotFoundContent } from "@/components/reader/not-found-content";
import { ReaderHead } from "@/components/reader/reader-head";
import { ReaderShell } from "@/components/reader/reader-shell";

export const config = { unstable_runtimeJS: false };

interface AnnouncementProps extends ReaderPageProps {
  card: ReaderCard | null;
  title: string;
  accountHref: string;
  moreFrom: string;
  back: string;
  feeds: { rss: string; atom: string };
}

export const getServerSideProps: GetServerSideProps<AnnouncementProps> = async ({ req, res, params }) => {
  const context = getRequestReaderContext(req);
  // Kept HTML (or 304) when nothing changed since the last visitor of this variant: Next then renders nothing.
  if (await answerFromPageCache(req, res, context)) return ANSWERED_FROM_CACHE;
  const id = queryString(params?.id) ?? "";
  const announcement = await getAnnouncement(id);
  // A missing (or deleted) announcement is a 404 in the reader's own language.
  if (!announcement) res.statusCode = 404;
  const name = announcement?.account.name ?? "";
  return {
    props: toJsonProps({
      ...getReaderPageProps(context),
      card: announcement ? prepareCards([announcement], context)[0]! : null,
      title: announcement ? formatMessage(context.messages.announcementTitle, { name }) : context.messages.notFoundTitle,
      accountHref: announcement ? `/accounts/${encodeURIComponent(announcement.account.handle)}` : "/",
      moreFrom: formatMessage(context.messages.moreFrom, { name }),
      back: announcement ? `/announcements/${encodeURIComponent(id)}` : "/",
      feeds: getPageFeeds(),
    }),
  };
};

export default function AnnouncementPage({ messages, locale, languages, card, title, accountHref, moreFrom, back, feeds }: AnnouncementProps) {
  return (
    <ReaderShell messages={messages} locale={locale} languages={languages} feeds={feeds} back={back}>
      <ReaderHead title={title} messages={messages} />
      {card ? (
        <>
          <AnnouncementCard announcement={card.announcement} pictures={card.pictures} messages={messages} dateInWords={card.dateInWords} isStandalone />
          <ul className="plain-list actions">
            <li><a className="button-link" href={accountHref}>{moreFrom}</a></li>
            <li><a className="button-link" href="/">{messages.backToAll}</a></li>
          </ul>
        </>
      ) : (
        <NotFoundContent messages={messages} />
      )}
    </ReaderShell>
  );
}
