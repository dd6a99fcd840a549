import type { GetServerSideProps } from "next";
import { getReaderPageProps, getRequestReaderContext, toJsonProps, type ReaderPageProps } from "@/lib/reader/page-props";
import { TEXT_SIZE_PX, TEXT_SIZES, THEMES } from "@/lib/reader/settings";
import { getPageFeeds } from "@/lib/reader/view";
import { ReaderHead } from "@/components/reader/reader-head";
import { ReaderShell } from "@/components/reader/reader-shell";
import { SettingsForm } from "@/components/reader/settings-form";

export const config = { unstable_runtimeJS: false };

interface SettingsProps extends ReaderPageProps {
  saved: boolean;
  sizes: { size: (typeof TEXT_SIZES)[number]; px: number }[];
  feeds: { rss: string; atom: string };
}

export const getServerSideProps: GetServerSideProps<SettingsProps> = async ({ req, query }) => {
  const context = getRequestReaderContext(req);
  return {
    props: toJsonProps({
      ...getReaderPageProps(context),
      saved: Boolean(query.saved),
      sizes: TEXT_SIZES.map((size) => ({ size, px: TEXT_SIZE_PX[size] })),
      feeds: getPageFeeds(),
    }),
  };
};

export default function SettingsPage({ messages, locale, languages, settings, saved, sizes, feeds }: SettingsProps) {
  return (
    <ReaderShell messages={messages} locale={locale} languages={languages} feeds={feeds} back="/settings">
      <ReaderHead title={messages.settingsTitle} messages={messages} noIndex />
      <h1>{messages.settingsTitle}</h1>
      {saved ? <p className="notice" role="status">{messages.saved}</p> : null}
      <p className="intro">{messages.settingsIntro}</p>
      <SettingsForm messages={messages} settings={settings} themes={THEMES} sizes={sizes} languages={languages} />
      <p><a className="button-link" href="/">{messages.backToAll}</a></p>
    </ReaderShell>
  );
}
