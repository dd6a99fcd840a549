import { getReaderContext } from "@/lib/reader/context";
import { getPageFeeds, listLanguages } from "@/lib/reader/view";
import { ReaderShell } from "@/components/reader/reader-shell";

export default async function NotFound() {
  const { messages, locale } = await getReaderContext();
  return (
    <ReaderShell messages={messages} locale={locale} languages={listLanguages()} feeds={getPageFeeds()} back="/">
      <h1>{messages.notFoundTitle}</h1>
      <p>{messages.notFoundText}</p>
      <p><a className="button-link" href="/">{messages.backToAll}</a></p>
    </ReaderShell>
  );
}
