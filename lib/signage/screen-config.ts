import { z } from "zod";
import { isKnownTimeZone } from "../time-zone";
import { OpeningHoursError, parseOpeningHours } from "./opening-hours";
import { normaliseHandle, normaliseHashtag } from "./screen-match";
import { CLOSED_MODES, SCREEN_ORIENTATIONS, SCREEN_THEMES, type ScreenConfig } from "./types";

/** At most this many announcements rotate on a screen (its newest). */
export const MAX_SLIDES = 100;

/** The screen that always exists and shows everything. */
export const DEFAULT_SCREEN_NAME = "default";

/** Screen names: what goes in /signage/{name}. */
export const SCREEN_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** The key that plays the current slide's audio unless a screen says another: what most USB "big buttons" send. */
export const DEFAULT_LISTEN_KEY = "Enter";

/** What a screen is before anyone changes it: in the council's time zone (TIME_ZONE). */
export function getDefaultScreenConfig(name: string, timeZone = "UTC"): ScreenConfig {
  return {
    name, accounts: [], hashtags: [], slideSeconds: null, orientation: "auto", theme: "dark",
    openingHours: "", timeZone, closedMode: "closed", emergencyAccounts: [], emergencyHashtags: [], emergencyMinutes: 120,
    listen: true, listenKey: DEFAULT_LISTEN_KEY,
    excludeHashtags: [], excludeWords: [], excludeContentWarnings: false, approval: false,
  };
}

// Lists arrive as JSON arrays (the API) or as text with commas, spaces or lines (the admin form).
const list = (normalise: (value: string) => string, what: string) =>
  z
    .union([z.array(z.string().max(300)), z.string().max(20_000)])
    .optional()
    .transform((value) => (typeof value === "string" ? value.split(/[\s,]+/) : (value ?? [])))
    .transform((values) => [...new Set(values.map((item) => item.trim()).filter(Boolean).map(normalise))])
    .refine((values) => values.length <= 100, `at most 100 ${what}`);

// true/false from the API; "on" (or absent) from an HTML checkbox.
const flag = (name: string) =>
  z.union([z.boolean(), z.enum(["true", "false", "on", "off"])], `${name} must be true or false`).optional()
    .transform((value) => (value === undefined ? undefined : value === true || value === "true" || value === "on"));

const HANDLE = /^@[^@\s]+@[^@\s]+$/;
const HASHTAG = /^[\p{L}\p{N}_]{1,100}$/u;

const screenInput = z.object({
  accounts: list(normaliseHandle, "accounts").refine((values) => values.every((value) => HANDLE.test(value)), "accounts must be handles like @news@council.example"),
  hashtags: list(normaliseHashtag, "hashtags").refine((values) => values.every((value) => HASHTAG.test(value)), "hashtags are letters, digits and _ (like #BinDay)"),
  slideSeconds: z.union([z.number(), z.string(), z.null()]).optional().transform((value, ctx) => {
    if (value === null || value === undefined || value === "") return null;
    const seconds = Number(value);
    if (!Number.isFinite(seconds) || seconds < 3 || seconds > 600) {
      ctx.addIssue({ code: "custom", message: "slideSeconds must be from 3 to 600, or empty for 10 s + 0.4 s a word" });
      return z.NEVER;
    }
    return seconds;
  }),
  orientation: z.enum(SCREEN_ORIENTATIONS, "orientation must be auto, landscape or portrait").optional(),
  theme: z.enum(SCREEN_THEMES, "theme must be dark, light or contrast").optional(),
  openingHours: z.string().max(500).optional().transform((value, ctx) => {
    const text = (value ?? "").trim();
    try {
      parseOpeningHours(text);
    } catch (error) {
      if (!(error instanceof OpeningHoursError)) throw error;
      ctx.addIssue({ code: "custom", message: `openingHours: ${error.message}` });
      return z.NEVER;
    }
    return text;
  }),
  // Empty keeps the current zone: a screen never gets a zone the browser cannot use.
  timeZone: z.string().max(60).optional().transform((value) => value?.trim() || undefined).refine((value) => !value || isKnownTimeZone(value), "timeZone must be an IANA name like Europe/London or Pacific/Auckland"),
  closedMode: z.enum(CLOSED_MODES, "closedMode must be closed or blank").optional(),
  emergencyAccounts: list(normaliseHandle, "emergency accounts").refine((values) => values.every((value) => HANDLE.test(value)), "emergencyAccounts must be handles like @alerts@council.example"),
  emergencyHashtags: list(normaliseHashtag, "emergency hashtags").refine((values) => values.every((value) => HASHTAG.test(value)), "emergencyHashtags are letters, digits and _"),
  emergencyMinutes: z.union([z.number(), z.string()]).optional().transform((value, ctx) => {
    if (value === undefined || value === "") return undefined;
    const minutes = Number(value);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 10_080) {
      ctx.addIssue({ code: "custom", message: "emergencyMinutes must be a whole number from 1 to 10080 (a week)" });
      return z.NEVER;
    }
    return minutes;
  }),
  listen: z.union([z.boolean(), z.enum(["true", "false"])], "listen must be true or false").optional().transform((value) => (value === undefined ? undefined : value === true || value === "true")),
  // A KeyboardEvent.key value: a character, or a name such as Enter, F9 or MediaPlayPause.
  listenKey: z.string().max(30).optional().transform((value) => (value === undefined ? undefined : value === " " ? " " : value.trim() || DEFAULT_LISTEN_KEY))
    .refine((value) => value === undefined || value === " " || /^(?:\S|[A-Za-z][A-Za-z0-9]{1,29})$/.test(value), 'listenKey must be one character or a key name such as Enter, F9 or MediaPlayPause'),
  excludeHashtags: list(normaliseHashtag, "excluded hashtags").refine((values) => values.every((value) => HASHTAG.test(value)), "excludeHashtags are letters, digits and _"),
  excludeWords: z
    .union([z.array(z.string().max(100)), z.string().max(10_000)])
    .optional()
    // Words may be phrases: the form takes one per line or comma, the API an array.
    .transform((value) => (typeof value === "string" ? value.split(/[\n,]+/) : value))
    .transform((values) => (values === undefined ? undefined : [...new Set(values.map((item) => item.trim().toLowerCase()).filter(Boolean))]))
    .refine((values) => values === undefined || values.length <= 100, "at most 100 excluded words"),
  excludeContentWarnings: flag("excludeContentWarnings"),
  approval: flag("approval"),
});

/** Thrown for a screen setting that cannot be used; the message names it. */
export class ScreenConfigError extends Error {
  override name = "ScreenConfigError";
}

/** Checks a screen name; throws ScreenConfigError explaining the rule. */
export function assertScreenName(name: string): void {
  if (!SCREEN_NAME_PATTERN.test(name)) throw new ScreenConfigError("A screen name is 1–40 lower-case letters, digits and hyphens, starting with a letter or digit (like lobby-2).");
}

/** Validates settings (JSON from the API or fields from the admin form) over a starting config. */
export function parseScreenConfig(name: string, input: unknown, base: ScreenConfig = getDefaultScreenConfig(name)): ScreenConfig {
  assertScreenName(name);
  const parsed = screenInput.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ScreenConfigError(issue ? `${issue.path.join(".") ? `${issue.path.join(".")}: ` : ""}${issue.message}` : "Invalid screen settings.");
  }
  const given = Object.fromEntries(Object.entries(parsed.data).filter(([key, value]) => value !== undefined && (input as Record<string, unknown>)?.[key] !== undefined));
  const config = { ...base, ...given, name } as ScreenConfig;
  if (name === DEFAULT_SCREEN_NAME && (config.accounts.length > 0 || config.hashtags.length > 0)) {
    throw new ScreenConfigError('The "default" screen shows every announcement: leave its accounts and hashtags empty, or make another screen.');
  }
  return config;
}
