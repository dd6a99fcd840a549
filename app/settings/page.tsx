import type { Metadata } from "next";
import { getReaderContext } from "@/lib/reader/context";
import { TEXT_SIZE_PX, TEXT_SIZES, THEMES } from "@/lib/reader/settings";
import { getPageFeeds, listLanguages } from "@/lib/reader/view";
import { ReaderShell } from "@/components/reader/reader-shell";
import { SettingsForm } from "@/components/reader/settings-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { messages } = await getReaderContext();
  return { title: messages.settingsTitle, robots: { index: false } };
}

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const { saved } = await searchParams;
  const { messages, locale, settings } = await getReaderContext();
  const languages = listLanguages();
  return (
    <ReaderShell messages={messages} locale={locale} languages={languages} feeds={getPageFeeds()} back="/settings">
      <h1>{messages.settingsTitle}</h1>
      {saved ? <p className="notice" role="status">{messages.saved}</p> : null}
      <p className="intro">{messages.settingsIntro}</p>
      <SettingsForm
        messages={messages}
        settings={settings}
        themes={THEMES}
        sizes={TEXT_SIZES.map((size) => ({ size, px: TEXT_SIZE_PX[size] }))}
        languages={languages}
      />
      <p><a className="button-link" href="/">{messages.backToAll}</a></p>
    </ReaderShell>
  );
}
