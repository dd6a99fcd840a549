// Time zones for the people reading: the council's own zone (TIME_ZONE, or the server's)
// for every date a page, slide or voice gives. Pure and client-safe.

/** Whether a time zone name is one this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The zone this process runs in (the TZ environment variable or the system's), else UTC. */
export function getSystemTimeZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isKnownTimeZone(zone) ? zone : "UTC";
}

/** Days since 1970 of the calendar date at `date` in `timeZone`: equal numbers are the same local day. */
export function getLocalDayNumber(date: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(date);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return Math.round(Date.UTC(value("year"), value("month") - 1, value("day")) / 86_400_000);
}

/** Whether a zone is UTC under any of its names. */
export function isUtc(timeZone: string): boolean {
  return ["UTC", "Etc/UTC", "Etc/UCT", "UCT", "Etc/Universal", "Universal", "Etc/Zulu", "Zulu", "GMT", "Etc/GMT"].includes(timeZone);
}

/** The zone's name in a language, as people say it ("United Kingdom Time", "Midden-Europese tijd"). */
export function nameTimeZone(timeZone: string, locale: string): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "longGeneric" }).formatToParts(new Date());
    return parts.find((part) => part.type === "timeZoneName")?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}
