import Head from "next/head";
import type { Messages } from "@/lib/i18n/types";

interface HeadProps {
  /** The page's own title; the site's name is added after it. */
  title: string | null;
  messages: Messages;
  feeds?: { rss: string; atom: string };
  noIndex?: boolean;
}

/** Title, viewport and feed autodiscovery of a reader page (the rest is in pages/_document). */
export function ReaderHead({ title, messages, feeds, noIndex }: HeadProps) {
  return (
    <Head>
      <title>{title ? `${title} · Crier` : messages.siteName}</title>
      {/* No maximum-scale: readers must always be able to pinch-zoom. */}
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      {noIndex ? <meta name="robots" content="noindex" /> : null}
      {feeds ? <link rel="alternate" type="application/rss+xml" title={messages.feedRss} href={feeds.rss} /> : null}
      {feeds ? <link rel="alternate" type="application/atom+xml" title={messages.feedAtom} href={feeds.atom} /> : null}
    </Head>
  );
}
