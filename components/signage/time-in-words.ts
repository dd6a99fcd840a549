// How long ago, in words, and the clock time, in the screen's time zone: "12 minutes ago, 14:05".

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [["day", 86_400_000], ["hour", 3_600_000], ["minute", 60_000]];

/** "Just now", "12 minutes ago", "yesterday" … followed by the weekday and time (left out when compact). */
export function formatTimeInWords(iso: string, nowMs: number, timeZone: string, isCompact = false): string {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return "";
  const elapsed = Math.max(0, nowMs - then);
  const relative = new Intl.RelativeTimeFormat("en-GB", { numeric: "auto" });
  let words = "just now";
  for (const [unit, ms] of UNITS) {
    if (elapsed >= ms) {
      words = relative.format(-Math.floor(elapsed / ms), unit);
      break;
    }
  }
  const capitalised = `${words[0]!.toUpperCase()}${words.slice(1)}`;
  if (isCompact) return capitalised;
  const clock = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(then);
  return `${capitalised} · ${clock}`;
}

/** "14:05" in the screen's time zone. */
export function formatClock(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(ms);
}
