import { getMessages, selectLocale, type Locale, type Messages } from "../i18n";
import { parseReaderSettings, type ReaderSettings } from "./settings";

export interface ReaderContext {
  settings: ReaderSettings;
  locale: Locale;
  messages: Messages;
  /** The council's zone (TIME_ZONE) that dates are written in. */
  timeZone: string;
}

/** The reader's settings and interface language from their cookies, then Accept-Language. */
export function buildReaderContext(readCookie: (name: string) => string | undefined, acceptLanguage: string | null | undefined, timeZone = "UTC"): ReaderContext {
  const settings = parseReaderSettings(readCookie);
  const locale = selectLocale(acceptLanguage ?? null, settings.language);
  return { settings, locale, messages: getMessages(locale), timeZone };
}
