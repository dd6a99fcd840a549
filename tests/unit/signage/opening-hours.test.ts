import { describe, expect, it } from "vitest";
import { isOpenAt, OpeningHoursError, parseOpeningHours } from "../../../lib/signage/opening-hours";

const hours = parseOpeningHours("Mo-Fr 08:00-12:00,13:00-18:00; Sa 09:00-13:00; Su off");

describe("opening hours", () => {
  it.each([
    ["2026-11-23T07:59:00Z", "UTC", false], // Monday before opening
    ["2026-11-23T08:00:00Z", "UTC", true],
    ["2026-11-23T12:30:00Z", "UTC", false], // lunch
    ["2026-11-23T17:59:00Z", "UTC", true],
    ["2026-11-23T18:00:00Z", "UTC", false],
    ["2026-11-28T10:00:00Z", "UTC", true], // Saturday
    ["2026-11-28T13:00:00Z", "UTC", false],
    ["2026-11-29T10:00:00Z", "UTC", false], // Sunday off
    // 19:30 UTC on Sunday is 08:30 on Monday in Auckland (UTC+13 in summer).
    ["2026-11-22T19:30:00Z", "Pacific/Auckland", true],
    ["2026-11-22T19:30:00Z", "Europe/London", false],
  ])("%s in %s: open %s", (iso, zone, isOpen) => {
    expect(isOpenAt(hours, new Date(iso), zone)).toBe(isOpen);
  });

  it("is always open without hours, and a later rule replaces an earlier one for its days", () => {
    expect(isOpenAt(parseOpeningHours(""), new Date("2026-11-29T03:00:00Z"), "UTC")).toBe(true);
    const shortSaturday = parseOpeningHours("Mo-Sa 09:00-17:00; Sa 09:00-12:00");
    expect(isOpenAt(shortSaturday, new Date("2026-11-28T14:00:00Z"), "UTC")).toBe(false);
    expect(isOpenAt(shortSaturday, new Date("2026-11-27T14:00:00Z"), "UTC")).toBe(true);
    expect(isOpenAt(parseOpeningHours("Fr-Mo 10:00-24:00"), new Date("2026-11-29T23:59:00Z"), "UTC")).toBe(true);
  });

  it.each(["Mo-Fr", "Xx 08:00-10:00", "Mo 18:00-08:00", "Mo 08:00-25:00", "Mo 8-17"])("refuses %j with a message", (text) => {
    expect(() => parseOpeningHours(text)).toThrow(OpeningHoursError);
  });
});
