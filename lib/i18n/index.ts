import { de } from "./de";
import { en } from "./en";
import { fr } from "./fr";
import { ja } from "./ja";
import { mi } from "./mi";
import { nl } from "./nl";
import type { Messages } from "./types";

export type { Messages } from "./types";

/** Interface languages, in the order the switcher lists them. */
export const LOCALES = ["en", "nl", "fr", "de", "ja", "mi"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

const MESSAGES: Record<Locale, Messages> = { en, nl, fr, de, ja, mi };

/** Whether a string names one of the interface languages. */
export function isLocale(value: string | null | undefined): value is Locale {
  return LOCALES.includes(value as Locale);
}

/** The strings for one interface language. */
export function getMessages(locale: Locale): Messages {
  return MESSAGES[locale];
}

/**
 * The interface language: the reader's saved choice, else the best match in
 * Accept-Language (by q, then order; "nl-BE" matches "nl"), else English.
 */
export function selectLocale(acceptLanguage: string | null | undefined, saved?: string | null): Locale {
  if (isLocale(saved)) return saved;
  const ranges = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((range) => range.tag && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranges) {
    const primary = tag.split("-")[0];
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}

/** Fills `{name}` placeholders in a message. */
export function formatMessage(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}
