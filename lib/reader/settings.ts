import { isLocale, type Locale } from "../i18n";

// Reader preferences live in cookies so they work without JavaScript: a plain form
// POST sets them and redirects back (303).

export const THEME_COOKIE = "crier-theme";
export const SIZE_COOKIE = "crier-size";
export const LANGUAGE_COOKIE = "crier-lang";

export const THEMES = ["system", "light", "dark", "yellow"] as const;
export type Theme = (typeof THEMES)[number];

/** Text size steps; step 1 is the default (24 px body text), step 5 is 44 px. */
export const TEXT_SIZES = [1, 2, 3, 4, 5] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
export const TEXT_SIZE_PX: Record<TextSize, number> = { 1: 24, 2: 28, 3: 32, 4: 36, 5: 44 };

export interface ReaderSettings {
  theme: Theme;
  size: TextSize;
  /** null: follow Accept-Language. */
  language: Locale | null;
}

/** Reads the reader's settings from cookie values, ignoring anything unknown. */
export function parseReaderSettings(read: (name: string) => string | undefined): ReaderSettings {
  const theme = read(THEME_COOKIE);
  const size = Number(read(SIZE_COOKIE));
  const language = read(LANGUAGE_COOKIE);
  return {
    theme: THEMES.includes(theme as Theme) ? (theme as Theme) : "system",
    size: TEXT_SIZES.includes(size as TextSize) ? (size as TextSize) : 1,
    language: isLocale(language) ? language : null,
  };
}

/** Cookies to set from a submitted settings form; fields not in the form are left alone. */
export function readSettingsForm(form: FormData): { name: string; value: string }[] {
  const changes: { name: string; value: string }[] = [];
  const theme = form.get("theme");
  if (typeof theme === "string" && THEMES.includes(theme as Theme)) changes.push({ name: THEME_COOKIE, value: theme });
  const size = Number(form.get("size"));
  if (TEXT_SIZES.includes(size as TextSize)) changes.push({ name: SIZE_COOKIE, value: String(size) });
  const language = form.get("lang");
  if (language === "auto") changes.push({ name: LANGUAGE_COOKIE, value: "" });
  else if (typeof language === "string" && isLocale(language)) changes.push({ name: LANGUAGE_COOKIE, value: language });
  return changes;
}

/**
 * Where to send the reader back to: a path on this site only. `back` is resolved
 * against the site's origin with the URL parser, as a browser would (tabs and
 * newlines dropped, backslashes read as slashes, "." and ".." segments applied), and
 * only a same-origin result is kept, emitted as its normalised path.
 */
export function safeReturnPath(value: FormDataEntryValue | null, origin = "http://crier.invalid"): string {
  if (typeof value !== "string" || value.length > 2048) return "/";
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  // "/.//evil.example" normalises to the path "//evil.example", which a browser reads as another host.
  return `/${url.pathname.replace(/^\/+/, "")}${url.search}${url.hash}`;
}
