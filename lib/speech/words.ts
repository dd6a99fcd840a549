// The few fixed words a spoken announcement needs, per language. Languages not
// listed here use English words (the text itself stays in its own language).

export interface SpeechWords {
  /** "{name}, posted on {date}." */
  header: (name: string, date: string) => string;
  contentWarning: (summary: string) => string;
  /** A boost's credit, spoken after the header. */
  sharedBy: (name: string) => string;
  image: (alt: string) => string;
  imageWithoutDescription: string;
  linkTo: (host: string) => string;
  and: string;
  /** A time of day read aloud, from 24-hour clock numbers. */
  time: (hour: number, minute: number) => string;
}

const englishTime = (hour: number, minute: number) => {
  const half = hour < 12 ? "a m" : "p m";
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  if (minute === 0) return `${twelve} ${half}`;
  return `${twelve} ${minute < 10 ? `oh ${minute}` : minute} ${half}`;
};

const WORDS: Record<string, SpeechWords> = {
  en: {
    header: (name, date) => `${name}, posted on ${date}.`,
    contentWarning: (summary) => `Content warning: ${summary}.`,
    sharedBy: (name) => `Shared by ${name}.`,
    image: (alt) => `Image: ${alt}`,
    imageWithoutDescription: "An image without a description.",
    linkTo: (host) => `link to ${host}`,
    and: "and",
    time: englishTime,
  },
  nl: {
    header: (name, date) => `${name}, geplaatst op ${date}.`,
    contentWarning: (summary) => `Waarschuwing: ${summary}.`,
    sharedBy: (name) => `Gedeeld door ${name}.`,
    image: (alt) => `Afbeelding: ${alt}`,
    imageWithoutDescription: "Een afbeelding zonder beschrijving.",
    linkTo: (host) => `link naar ${host}`,
    and: "en",
    time: (hour, minute) => (minute === 0 ? `${hour} uur` : `${hour} uur ${minute}`),
  },
  fr: {
    header: (name, date) => `${name}, publié le ${date}.`,
    contentWarning: (summary) => `Avertissement : ${summary}.`,
    sharedBy: (name) => `Partagé par ${name}.`,
    image: (alt) => `Image : ${alt}`,
    imageWithoutDescription: "Une image sans description.",
    linkTo: (host) => `lien vers ${host}`,
    and: "et",
    time: (hour, minute) => (minute === 0 ? `${hour} heures` : `${hour} heures ${minute}`),
  },
  de: {
    header: (name, date) => `${name}, veröffentlicht am ${date}.`,
    contentWarning: (summary) => `Inhaltswarnung: ${summary}.`,
    sharedBy: (name) => `Geteilt von ${name}.`,
    image: (alt) => `Bild: ${alt}`,
    imageWithoutDescription: "Ein Bild ohne Beschreibung.",
    linkTo: (host) => `Link zu ${host}`,
    and: "und",
    time: (hour, minute) => (minute === 0 ? `${hour} Uhr` : `${hour} Uhr ${minute}`),
  },
  mi: {
    header: (name, date) => `${name}, i whakairia i te ${date}.`,
    contentWarning: (summary) => `Whakatūpato: ${summary}.`,
    sharedBy: (name) => `I tohaina e ${name}.`,
    image: (alt) => `Whakaahua: ${alt}`,
    imageWithoutDescription: "He whakaahua kāore he whakamārama.",
    linkTo: (host) => `hono ki ${host}`,
    and: "me",
    time: (hour, minute) => (minute === 0 ? `${hour} karaka` : `${hour} karaka ${minute} meneti`),
  },
  ja: {
    header: (name, date) => `${name}、${date}の投稿。`,
    contentWarning: (summary) => `注意：${summary}。`,
    sharedBy: (name) => `${name}が共有。`,
    image: (alt) => `画像：${alt}`,
    imageWithoutDescription: "説明のない画像。",
    linkTo: (host) => `${host} へのリンク`,
    and: "と",
    time: (hour, minute) => (minute === 0 ? `${hour}時` : `${hour}時${minute}分`),
  },
};

/** The base language of a BCP 47 tag ("en-GB" → "en"). */
export function getBaseLanguage(tag: string): string {
  return tag.split("-")[0]!.toLowerCase();
}

/** The fixed words for a language, falling back to English. */
export function getSpeechWords(language: string): SpeechWords {
  return WORDS[getBaseLanguage(language)] ?? WORDS.en!;
}

/** A calendar date in words in the announcement's language ("Friday 20 November 2026"), in `timeZone`. */
export function formatDateInWords(date: Date, language: string, hasWeekday = true, timeZone = "UTC"): string {
  const locale = language === "und" || getBaseLanguage(language) === "en" ? "en-GB" : language;
  const options: Intl.DateTimeFormatOptions = { day: "numeric", month: "long", year: "numeric", timeZone };
  if (hasWeekday) options.weekday = "long";
  try {
    return new Intl.DateTimeFormat(locale, options).format(date).replace(/,/g, "");
  } catch {
    return new Intl.DateTimeFormat("en-GB", options).format(date).replace(/,/g, "");
  }
}
