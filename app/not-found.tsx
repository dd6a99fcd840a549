import { getReaderContext } from "@/lib/reader/context";
import { getPageFeeds, listLanguages } from "@/lib/reader/view";
import { NotFoundContent } from "@/components/reader/not-found-content";
import { ReaderShell } from "@/components/reader/reader-shell";

export default async function NotFound() {
  const { messages, locale } = await getReaderContext();
  return (
    <ReaderShell messages={messages} locale={locale} languages={listLanguages()} feeds={getPageFeeds()} back="/">
      <NotFoundContent messages={messages} />
    </ReaderShell>
  );
}
