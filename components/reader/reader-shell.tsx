import type { Locale } from "@/lib/i18n";
import type { Messages } from "@/lib/i18n/types";
import { SiteFooter } from "./site-footer";
import { SiteHeader } from "./site-header";

interface ShellProps {
  messages: Messages;
  locale: Locale;
  languages: { locale: Locale; name: string }[];
  feeds: { rss: string; atom: string };
  back: string;
  children: React.ReactNode;
}

/** Header, main content and footer shared by every reader page. */
export function ReaderShell({ messages, locale, languages, feeds, back, children }: ShellProps) {
  return (
    <>
      <SiteHeader messages={messages} />
      <main id="content" tabIndex={-1}>
        {children}
      </main>
      <SiteFooter messages={messages} locale={locale} languages={languages} feeds={feeds} back={back} />
    </>
  );
}
