import type { Locale } from "@/lib/i18n";
import type { Messages } from "@/lib/i18n/types";

interface FooterProps {
  messages: Messages;
  locale: Locale;
  languages: { locale: Locale; name: string }[];
  feeds: { rss: string; atom: string };
  /** The page to come back to after switching language. */
  back: string;
}

/** Language switcher (a plain form: works without JavaScript) and the feeds of this page. */
export function SiteFooter({ messages, locale, languages, feeds, back }: FooterProps) {
  return (
    <footer className="site-footer">
      <form method="post" action="/settings/save" className="language-switcher">
        <input type="hidden" name="back" value={back} />
        <fieldset>
          <legend>{messages.languageLegend}</legend>
          <ul className="plain-list inline-list">
            {languages.map((language) => (
              <li key={language.locale}>
                <button type="submit" name="lang" value={language.locale} lang={language.locale} aria-pressed={language.locale === locale}>
                  {language.name}
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
      </form>
      <h2 className="footer-heading">{messages.feedsTitle}</h2>
      <p>{messages.feedsIntro}</p>
      <ul className="plain-list">
        <li><a className="button-link" href={feeds.rss}>{messages.feedRss}</a></li>
        <li><a className="button-link" href={feeds.atom}>{messages.feedAtom}</a></li>
      </ul>
      <h2 className="footer-heading">{messages.pushTitle}</h2>
      <p>{messages.pushIntro}</p>
      {/* reader.js puts the "tell me on this device" button here where the browser can take push messages. */}
      <div className="push-slot" data-label={messages.pushButton} data-done={messages.pushDone} data-failed={messages.pushFailed} data-lang={locale} />
    </footer>
  );
}
