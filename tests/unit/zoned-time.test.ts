import { describe, expect, it } from "vitest";
import { formatZonedTime, readLocalInput, toLocalInputValue } from "@/lib/zoned-time";

// The console's times in the council's zone, across the changes of the clocks in the
// two hemispheres (Europe/London: last Sunday of March and October; Pacific/Auckland:
// last Sunday of September and first Sunday of April).

describe("reading a datetime-local value in the council's zone", () => {
  it.each([
    // zone, what the operator typed, the instant meant
    ["Europe/London", "2026-12-24T18:00", "2026-12-24T18:00:00.000Z"],
    ["Europe/London", "2026-07-01T09:15", "2026-07-01T08:15:00.000Z"],
    // Either side of the spring-forward gap (01:00 GMT → 02:00 BST on 29 March 2026).
    ["Europe/London", "2026-03-29T00:59", "2026-03-29T00:59:00.000Z"],
    ["Europe/London", "2026-03-29T02:00", "2026-03-29T01:00:00.000Z"],
    // After the fall back (02:00 BST → 01:00 GMT on 25 October 2026).
    ["Europe/London", "2026-10-25T02:00", "2026-10-25T02:00:00.000Z"],
    ["Pacific/Auckland", "2026-12-07T14:30", "2026-12-07T01:30:00.000Z"],
    ["Pacific/Auckland", "2026-07-01T09:00", "2026-06-30T21:00:00.000Z"],
    // Either side of the spring-forward gap (02:00 NZST → 03:00 NZDT on 27 September 2026).
    ["Pacific/Auckland", "2026-09-27T01:59", "2026-09-26T13:59:00.000Z"],
    ["Pacific/Auckland", "2026-09-27T03:00", "2026-09-26T14:00:00.000Z"],
    ["UTC", "2026-12-24T18:00:30", "2026-12-24T18:00:30.000Z"],
  ])("%s %s is %s", (zone, typed, iso) => {
    expect(readLocalInput(typed, zone)).toEqual({ isValid: true, iso, isAmbiguous: false });
  });

  it.each([
    // The hour the clocks show twice is taken at its first occurrence (the earlier instant).
    ["Europe/London", "2026-10-25T01:30", "2026-10-25T00:30:00.000Z"],
    ["Pacific/Auckland", "2027-04-04T02:30", "2027-04-03T13:30:00.000Z"],
  ])("%s %s (shown twice) is its first occurrence, %s", (zone, typed, iso) => {
    expect(readLocalInput(typed, zone)).toEqual({ isValid: true, iso, isAmbiguous: true });
  });

  it.each([
    ["Europe/London", "2026-03-29T01:30", "2026-03-29 02:30 BST"],
    ["Pacific/Auckland", "2026-09-27T02:30", "2026-09-27 03:30 NZDT"],
  ])("refuses %s %s, a time the clocks skip, and names the moment meant (%s)", (zone, typed, suggestion) => {
    const reading = readLocalInput(typed, zone);
    expect(reading).toMatchObject({ isValid: false, reason: "nonexistent" });
    expect(reading.isValid ? "" : reading.message).toContain(`does not exist in ${zone}`);
    expect(reading.isValid ? "" : reading.message).toContain(suggestion);
  });

  it.each(["", "tomorrow", "2026-02-30T10:00", "2026-12-24T24:00", "2026-12-24 18:00", "2026-12-24T18:00Z"])("refuses %j with a sentence", (typed) => {
    expect(readLocalInput(typed, "Europe/London")).toEqual({ isValid: false, reason: "format", message: "Enter a date and time like 2026-12-24T18:00." });
  });
});

describe("showing a time in the council's zone", () => {
  it.each([
    ["2026-12-07T01:30:00.000Z", "Pacific/Auckland", "2026-12-07 14:30 NZDT"],
    ["2026-06-30T21:00:00.000Z", "Pacific/Auckland", "2026-07-01 09:00 NZST"],
    ["2026-12-24T18:00:00.000Z", "Europe/London", "2026-12-24 18:00 GMT"],
    ["2026-07-01T08:15:00.000Z", "Europe/London", "2026-07-01 09:15 BST"],
    // Both sides of London's fall back: 01:30 twice, told apart by the zone's name.
    ["2026-10-25T00:30:00.000Z", "Europe/London", "2026-10-25 01:30 BST"],
    ["2026-10-25T01:30:00.000Z", "Europe/London", "2026-10-25 01:30 GMT"],
    ["2026-12-24T18:00:00.000Z", "UTC", "2026-12-24 18:00 UTC"],
    // A zone without an English abbreviation gets its offset.
    ["2026-12-24T18:00:00.000Z", "Asia/Tokyo", "2026-12-25 03:00 UTC+9"],
  ])("%s in %s is %s", (iso, zone, shown) => {
    expect(formatZonedTime(iso, zone)).toBe(shown);
  });

  it("adds seconds when asked, and leaves what is not a time as it is", () => {
    expect(formatZonedTime("2026-12-07T01:30:05.000Z", "Pacific/Auckland", { seconds: true })).toBe("2026-12-07 14:30:05 NZDT");
    expect(formatZonedTime("not a time", "Pacific/Auckland")).toBe("not a time");
  });

  it("gives a form the same wall-clock time back, so a saved end reads as it was typed", () => {
    for (const [zone, typed] of [["Pacific/Auckland", "2026-09-27T03:00"], ["Europe/London", "2026-10-25T01:30"], ["Europe/London", "2026-12-24T18:00"]] as const) {
      const reading = readLocalInput(typed, zone);
      expect(reading.isValid && toLocalInputValue(reading.iso, zone)).toBe(typed);
    }
    expect(toLocalInputValue("nonsense", "UTC")).toBe("");
  });
});
