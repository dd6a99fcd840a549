import Document, { Head, Html, Main, NextScript } from "next/document";
import type { ReaderPageProps } from "@/lib/reader/page-props";

/**
 * The HTML around every reader page: its language, theme and text size come from the
 * page's props, so the very first paint is right without any JavaScript. The only
 * script is public/reader.js (service worker and the "new announcements" count).
 */
export default class ReaderDocument extends Document {
  render() {
    const page = (this.props.__NEXT_DATA__.props?.pageProps ?? {}) as Partial<ReaderPageProps>;
    return (
      <Html lang={page.locale ?? "en"} data-theme={page.settings?.theme ?? "system"} data-size={page.settings?.size ?? 1}>
        <Head>
          <meta name="description" content="Announcements from your council and public services, in large print." />
          <link rel="manifest" href="/manifest.webmanifest" />
          <link rel="icon" href="/icon.svg" />
          <script src="/reader.js" defer />
        </Head>
        <body>
          <Main />
          <NextScript />
        </body>
      </Html>
    );
  }
}
