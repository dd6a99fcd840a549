import { getEnv } from "../env";
import { HttpError } from "../http/responses";
import { readLocalInput } from "../zoned-time";

/**
 * The console's show-until field: datetime-local sends a wall-clock time with no zone
 * ("2026-12-24T18:00"), read in the council's zone (TIME_ZONE), as the form's label says.
 * Empty clears the end. A time the clocks skip is refused with a sentence (400); one they
 * show twice is its first occurrence (see readLocalInput). Answers ISO UTC, or null.
 */
export function readShowUntilField(value: FormDataEntryValue | null): string | null {
  const text = typeof value === "string" ? value.trim() : "";
  if (text === "") return null;
  const reading = readLocalInput(text, getEnv().timeZone);
  if (!reading.isValid) throw new HttpError(400, reading.message);
  return reading.iso;
}
