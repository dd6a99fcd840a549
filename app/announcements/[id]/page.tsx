import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getAnnouncement } from "@/lib/announcements/listing";
import { formatMessage } from "@/lib/i18n";
import { getReaderContext } from "@/lib/reader/context";
import { getPageFeeds, listLanguages, prepareCards } from "@/lib/reader/view";
import { AnnouncementCard } from "@/components/reader/announcement-card";
import { ReaderShell } from "@/components/reader/reader-shell";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { messages } = await getReaderContext();
  const announcement = await getAnnouncement((await params).id);
  if (!announcement) return { title: messages.notFoundTitle };
  return { title: formatMessage(messages.announcementTitle, { name: announcement.account.name }) };
}

export default async function AnnouncementPage({ params }: Params) {
  const { id } = await params;
  const announcement = await getAnnouncement(id);
  if (!announcement) notFound();
  const context = await getReaderContext();
  const { messages, locale } = context;
  const [card] = prepareCards([announcement], context);
  const accountHref = `/accounts/${encodeURIComponent(announcement.account.handle)}`;
  return (
    <ReaderShell messages={messages} locale={locale} languages={listLanguages()} feeds={getPageFeeds()} back={`/announcements/${encodeURIComponent(id)}`}>
      <AnnouncementCard announcement={announcement} messages={messages} dateInWords={card!.dateInWords} isStandalone />
      <ul className="plain-list actions">
        <li><a className="button-link" href={accountHref}>{formatMessage(messages.moreFrom, { name: announcement.account.name })}</a></li>
        <li><a className="button-link" href="/">{messages.backToAll}</a></li>
      </ul>
    </ReaderShell>
  );
}
