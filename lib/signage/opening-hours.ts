// Pure: opening hours like "Mo-Fr 08:00-18:00; Sa 09:00-13:00" (a small subset of
// OpenStreetMap's opening_hours syntax, which many councils already publish).

const DAY_CODES = ["Su", "Mo", "Tu", "We", "Th", "Fr", "Sa"] as const;

export interface OpeningRule {
  /** 0 = Sunday … 6 = Saturday. */
  days: number[];
  /** Minutes after midnight; `close` may be 1440 (24:00). */
  ranges: { open: number; close: number }[];
}

/** Thrown for text that is not valid opening hours; the message says what to write. */
export class OpeningHoursError extends Error {
  override name = "OpeningHoursError";
}

/** Parses opening hours; an empty text means always open (no rules). */
export function parseOpeningHours(text: string): OpeningRule[] {
  const rules: OpeningRule[] = [];
  for (const part of text.split(";").map((rule) => rule.trim()).filter(Boolean)) {
    const match = /^([A-Za-z,\- ]+?)\s+([0-9:,\- ]+|off)$/i.exec(part);
    if (!match) throw new OpeningHoursError(`"${part.slice(0, 40)}" is not like "Mo-Fr 08:00-18:00" (days, then times; rules separated by ";").`);
    const days = parseDays(match[1]!);
    const ranges = match[2]!.toLowerCase() === "off" ? [] : match[2]!.split(",").map((range) => parseRange(range.trim()));
    rules.push({ days, ranges });
  }
  return rules;
}

/** Whether a place with these hours is open at `date`, in `timeZone`. No rules: always open. */
export function isOpenAt(rules: OpeningRule[], date: Date, timeZone: string): boolean {
  if (rules.length === 0) return true;
  const { day, minutes } = getLocalDayAndMinutes(date, timeZone);
  // A later rule for the same day replaces an earlier one, as in OpenStreetMap ("Mo-Sa 9-17; Sa 9-12").
  let ranges: OpeningRule["ranges"] = [];
  for (const rule of rules) if (rule.days.includes(day)) ranges = rule.ranges;
  return ranges.some((range) => minutes >= range.open && minutes < range.close);
}

/** The weekday (0 = Sunday) and minutes after midnight at `date` in `timeZone`. */
export function getLocalDayAndMinutes(date: Date, timeZone: string): { day: number; minutes: number } {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(date);
  const value = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(value("weekday"));
  return { day, minutes: Number(value("hour")) * 60 + Number(value("minute")) };
}

function parseDays(text: string): number[] {
  const days = new Set<number>();
  for (const item of text.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [from, to] = item.split("-").map((code) => dayIndex(code.trim()));
    if (to === undefined) days.add(from!);
    else for (let day = from!; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === to) break;
    }
  }
  return [...days];
}

function dayIndex(code: string): number {
  const index = DAY_CODES.findIndex((day) => day.toLowerCase() === code.slice(0, 2).toLowerCase());
  if (index < 0 || code.length > 3) throw new OpeningHoursError(`"${code.slice(0, 10)}" is not a day; use Mo, Tu, We, Th, Fr, Sa, Su.`);
  return index;
}

function parseRange(text: string): { open: number; close: number } {
  const match = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) throw new OpeningHoursError(`"${text.slice(0, 20)}" is not a time range like 08:00-18:00.`);
  const open = Number(match[1]) * 60 + Number(match[2]);
  const close = Number(match[3]) * 60 + Number(match[4]);
  if (Number(match[2]) > 59 || Number(match[4]) > 59 || open >= 1440 || close > 1440 || close <= open) {
    throw new OpeningHoursError(`"${text}" must open before it closes, between 00:00 and 24:00.`);
  }
  return { open, close };
}
