// Times in the council's own zone (TIME_ZONE) for the console: shown with the zone's
// abbreviation ("2026-12-07 14:30 NZDT"), and a datetime-local value ("2026-12-24T18:00",
// which carries no zone) read as a wall-clock time there. Pure and client-safe; DST from
// the runtime's time zone data (Intl), never a fixed offset.

const MINUTE_MS = 60_000;
// English locales whose time zone abbreviations people in those places write ("NZDT" in
// en-NZ, "BST" in en-GB, "EST" in en-US); the first one that has a name for the zone wins.
const ABBREVIATION_LOCALES = ["en-GB", "en-NZ", "en-AU", "en-US", "en-CA", "en-IN", "en-IE", "en-ZA"];
const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function getFormatter(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone, ...options });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** The wall-clock time at an instant in a zone, as milliseconds of the same fields read as UTC. */
function wallClockAt(ms: number, timeZone: string): number {
  const parts = getFormatter("en-US", timeZone, { hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(ms));
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return Date.UTC(field("year"), field("month") - 1, field("day"), field("hour"), field("minute"), field("second"));
}

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClockAt(whole, timeZone) - whole;
}

/** The zone's abbreviation at an instant ("NZDT", "BST", "GMT", "UTC"), else its offset ("UTC+9"). */
export function abbreviateTimeZone(date: Date, timeZone: string): string {
  for (const locale of ABBREVIATION_LOCALES) {
    const name = getFormatter(locale, timeZone, { timeZoneName: "short" }).formatToParts(date).find((part) => part.type === "timeZoneName")?.value;
    if (name && /^[A-Z]{2,5}$/.test(name)) return name;
  }
  const offset = getFormatter("en-GB", timeZone, { timeZoneName: "shortOffset" }).formatToParts(date).find((part) => part.type === "timeZoneName")?.value;
  return offset ? offset.replace(/^GMT/, "UTC") : timeZone;
}

/** An ISO time as "2026-12-07 14:30 NZDT" in a zone (`seconds` adds ":05"); the ISO text itself when it is not a time. */
export function formatZonedTime(iso: string, timeZone: string, { seconds = false }: { seconds?: boolean } = {}): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  const wall = new Date(wallClockAt(ms, timeZone)).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, seconds ? 19 : 16)} ${abbreviateTimeZone(new Date(ms), timeZone)}`;
}

/** An ISO time as a datetime-local value ("2026-12-24T18:00") in a zone, for a form's default. */
export function toLocalInputValue(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? new Date(wallClockAt(ms, timeZone)).toISOString().slice(0, 16) : "";
}

export type LocalTimeReading =
  | { isValid: true; iso: string; isAmbiguous: boolean }
  | { isValid: false; reason: "format" | "nonexistent"; message: string };

/**
 * Reads a datetime-local value as a wall-clock time in a zone. A time the clocks skip
 * (spring forward) is refused with a sentence that names the moment meant; a time the
 * clocks show twice (fall back) is taken at its first occurrence, the earlier instant,
 * so an end time never keeps an announcement up longer than the operator asked.
 */
export function readLocalInput(value: string, timeZone: string): LocalTimeReading {
  const match = LOCAL_INPUT.exec(value.trim());
  const [year, month, day, hour, minute, second] = (match?.slice(1, 7) ?? []).map((field) => Number(field ?? 0));
  const wall = match ? Date.UTC(year!, month! - 1, day!, hour!, minute!, second!) : Number.NaN;
  const wallDate = new Date(wall);
  if (!match || !Number.isFinite(wall) || wallDate.getUTCFullYear() !== year || wallDate.getUTCMonth() !== month! - 1 || wallDate.getUTCDate() !== day || hour! > 23 || minute! > 59 || second! > 59) {
    return { isValid: false, reason: "format", message: "Enter a date and time like 2026-12-24T18:00." };
  }
  // The offsets in force a day and a half either side cover any change of the clocks near it.
  const offsets = new Set([offsetAt(wall - 36 * 60 * MINUTE_MS, timeZone), offsetAt(wall, timeZone), offsetAt(wall + 36 * 60 * MINUTE_MS, timeZone)]);
  const instants = [...offsets].map((offset) => wall - offset).filter((ms) => wallClockAt(ms, timeZone) === wall).sort((a, b) => a - b);
  if (instants.length === 0) {
    const earlierOffset = offsetAt(wall - 36 * 60 * MINUTE_MS, timeZone);
    const shown = new Date(wall).toISOString();
    return {
      isValid: false,
      reason: "nonexistent",
      message: `${shown.slice(0, 10)} ${shown.slice(11, 16)} does not exist in ${timeZone}: the clocks go forward past it that night. Enter a time after the change, such as ${formatZonedTime(new Date(wall - earlierOffset).toISOString(), timeZone)}, the same moment.`,
    };
  }
  return { isValid: true, iso: new Date(instants[0]!).toISOString(), isAmbiguous: instants.length > 1 };
}
