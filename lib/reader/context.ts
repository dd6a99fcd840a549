import { cookies, headers } from "next/headers";
import { getMessages, selectLocale, type Locale, type Messages } from "../i18n";
import { parseReaderSettings, type ReaderSettings } from "./settings";

export interface ReaderContext {
  settings: ReaderSettings;
  locale: Locale;
  messages: Messages;
}

/** The reader's settings and interface language for this request (cookies, then Accept-Language). */
export async function getReaderContext(): Promise<ReaderContext> {
  const jar = await cookies();
  const settings = parseReaderSettings((name) => jar.get(name)?.value);
  const locale = selectLocale((await headers()).get("accept-language"), settings.language);
  return { settings, locale, messages: getMessages(locale) };
}
