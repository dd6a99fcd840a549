import type { IncomingMessage } from "node:http";
import { getEnv } from "../env";
import { describeTimes } from "../i18n/dates";
import type { Locale } from "../i18n";
import type { Messages } from "../i18n/types";
import { buildReaderContext, type ReaderContext } from "./reader-context";
import type { ReaderSettings } from "./settings";
import { listLanguages } from "./view";

// The reader pages are rendered by the Pages Router with Next's runtime JavaScript
// switched off (unstable_runtimeJS: false), so what they need is computed here, in
// getServerSideProps, and passed as plain JSON-safe props.

/** What every reader page gets: the reader's settings, interface language and strings. */
export interface ReaderPageProps {
  locale: Locale;
  messages: Messages;
  settings: ReaderSettings;
  languages: { locale: Locale; name: string }[];
  /** "Times are in UTC." or "Times are United Kingdom Time.", in the reader's language. */
  timesNote: string;
}

type RequestWithCookies = IncomingMessage & { cookies?: Partial<Record<string, string>> };

/** The reader context of a Pages Router request. */
export function getRequestReaderContext(req: RequestWithCookies): ReaderContext {
  return buildReaderContext((name) => req.cookies?.[name], req.headers["accept-language"], getEnv().timeZone);
}

/** The props shared by every reader page. */
export function getReaderPageProps(context: ReaderContext): ReaderPageProps {
  return {
    locale: context.locale,
    messages: context.messages,
    settings: context.settings,
    languages: listLanguages(),
    timesNote: describeTimes(context.locale, context.messages, context.timeZone),
  };
}

/** Props must be JSON: drops `undefined`, turns dates into strings. */
export function toJsonProps<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The first value of a query parameter, if it is a string. */
export function queryString(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** The links of a paged list: its feeds, where settings return to, older and newest pages. */
export interface ListPageLinks {
  feeds: { rss: string; atom: string };
  back: string;
  olderHref: string | null;
  newestHref: string | null;
}
