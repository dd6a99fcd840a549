import type { Locale } from "@/lib/i18n";
import type { Messages } from "@/lib/i18n/types";
import type { ReaderSettings, TextSize, Theme } from "@/lib/reader/settings";

interface SettingsFormProps {
  messages: Messages;
  settings: ReaderSettings;
  themes: readonly Theme[];
  sizes: { size: TextSize; px: number }[];
  languages: { locale: Locale; name: string }[];
}

const THEME_LABELS: Record<Theme, keyof Messages> = {
  system: "themeSystem",
  light: "themeLight",
  dark: "themeDark",
  yellow: "themeYellow",
};

/** Colours, text size and language as radio buttons in one plain form (no JavaScript needed). */
export function SettingsForm({ messages, settings, themes, sizes, languages }: SettingsFormProps) {
  return (
    <form method="post" action="/settings/save" className="settings-form">
      <input type="hidden" name="back" value="/settings?saved=1" />
      <fieldset>
        <legend>{messages.sizeLegend}</legend>
        {sizes.map(({ size, px }, index) => (
          <label key={size} className="choice">
            <input type="radio" name="size" value={size} defaultChecked={settings.size === size} />
            <span className={`size-sample size-sample-${size}`}>
              {messages.sizeNames[index]} ({px} px)
            </span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{messages.themeLegend}</legend>
        {themes.map((theme) => (
          <label key={theme} className="choice">
            <input type="radio" name="theme" value={theme} defaultChecked={settings.theme === theme} />
            <span className={`theme-sample theme-sample-${theme}`}>{messages[THEME_LABELS[theme]] as string}</span>
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{messages.languageLegend}</legend>
        <label className="choice">
          <input type="radio" name="lang" value="auto" defaultChecked={settings.language === null} />
          <span>{messages.languageAuto}</span>
        </label>
        {languages.map((language) => (
          <label key={language.locale} className="choice">
            <input type="radio" name="lang" value={language.locale} defaultChecked={settings.language === language.locale} />
            <span lang={language.locale}>{language.name}</span>
          </label>
        ))}
      </fieldset>
      <p>
        <button type="submit">{messages.save}</button>
      </p>
    </form>
  );
}
