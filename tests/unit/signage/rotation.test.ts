import { describe, expect, it } from "vitest";
import { getSlideDuration } from "../../../lib/signage/durations";
import { getPixelShift, pickByClock } from "../../../lib/signage/rotation";

describe("pickByClock", () => {
  const durations = [10_000, 20_000, 5_000]; // a 35 s cycle

  it.each([
    [0, 0, 0, 10_000],
    [9_999, 0, 0, 10_000],
    [10_000, 1, 10_000, 30_000],
    [34_999, 2, 30_000, 35_000],
    [35_000, 0, 35_000, 45_000],
    [35_000 * 1_000_000 + 12_000, 1, 35_000 * 1_000_000 + 10_000, 35_000 * 1_000_000 + 30_000],
  ])("at %i ms shows slide %i (from %i to %i)", (clock, index, startMs, endMs) => {
    expect(pickByClock(durations, clock)).toEqual({ index, startMs, endMs });
  });

  it("gives two screens with the same list the same slide at the same moment, whenever they started", () => {
    const now = Date.UTC(2026, 10, 22, 10, 0, 7);
    expect(pickByClock(durations, now)).toEqual(pickByClock([...durations], now));
  });

  it("has nothing to show for an empty list", () => {
    expect(pickByClock([], 123)).toBeNull();
    expect(pickByClock([0, 0], 123)).toBeNull();
  });
});

describe("getSlideDuration", () => {
  const announcement = (text: string, summary: string | null = null, alt: string | null = null) => ({ text, summary, attachments: alt ? [{ alt }] : [] });

  it("gives 10 s plus 0.4 s a word, counting the warning and the picture's description", () => {
    expect(getSlideDuration(announcement(""))).toBe(10);
    expect(getSlideDuration(announcement("Bins go out on Tuesday next week."))).toBe(12.8); // 7 words
    expect(getSlideDuration(announcement("Road closed.", "Roads", "A barrier"))).toBe(12);
  });

  it("counts Japanese words without spaces, and stops at a minute", () => {
    expect(getSlideDuration(announcement("午前10時から避難訓練を行います"))).toBeGreaterThan(11);
    expect(getSlideDuration(announcement("word ".repeat(500)))).toBe(60);
  });
});

describe("getPixelShift", () => {
  it("stays within the range and moves one step every few minutes", () => {
    const positions = Array.from({ length: 40 }, (_, step) => getPixelShift(step * 180_000));
    for (const { x, y } of positions) {
      expect(Math.abs(x)).toBeLessThanOrEqual(4);
      expect(Math.abs(y)).toBeLessThanOrEqual(4);
    }
    expect(new Set(positions.map(({ x, y }) => `${x},${y}`)).size).toBe(32);
    expect(getPixelShift(10)).toEqual(getPixelShift(179_999));
  });
});
