import type { Messages } from "@/lib/i18n/types";

/** Skip link, the site's name (home) and the way to the text size and colour settings. */
export function SiteHeader({ messages }: { messages: Messages }) {
  return (
    <header className="site-header">
      <a className="skip-link" href="#content">{messages.skipToContent}</a>
      <p className="site-name">
        <a href="/">{messages.siteName}</a>
      </p>
      <p className="site-tagline">{messages.siteTagline}</p>
      <nav aria-label={messages.settingsLink}>
        <a className="button-link" href="/settings">{messages.settingsLink}</a>
      </nav>
    </header>
  );
}
