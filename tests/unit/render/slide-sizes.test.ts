import { describe, expect, it } from "vitest";
import { parseSlideOptions } from "@/lib/render/slide-request";
import { SLIDE_SIZES, snapSlideSize } from "@/lib/render/slide-themes";

describe("slide sizes", () => {
  it("keeps every listed size, either way round", () => {
    for (const { width, height } of SLIDE_SIZES) {
      expect(snapSlideSize(width, height)).toEqual({ width, height });
      expect(snapSlideSize(height, width)).toEqual({ width: height, height: width });
    }
  });

  it.each([
    [1000, 600, 1024, 600],
    [1919, 1081, 1920, 1080],
    [1079, 1921, 1080, 1920],
    [1366, 769, 1366, 768],
    [3000, 2000, 3840, 2160],
    [2400, 1500, 2560, 1440],
    [800, 481, 800, 480],
    [300, 130, 296, 128],
    [1100, 1100, 1080, 1080],
    [2160, 3839, 2160, 3840],
  ])("snaps %i×%i to %i×%i", (width, height, snappedWidth, snappedHeight) => {
    expect(snapSlideSize(width, height)).toEqual({ width: snappedWidth, height: snappedHeight });
    expect(parseSlideOptions(new URLSearchParams({ width: String(width), height: String(height) }))).toMatchObject({ width: snappedWidth, height: snappedHeight });
  });

  it("makes at most a hundred or so distinct sizes out of every size a client can ask for", () => {
    const seen = new Set<string>();
    for (let width = 128; width <= 3840; width += 7) {
      for (let height = 128; height <= 3840; height += 11) {
        let options;
        try {
          options = parseSlideOptions(new URLSearchParams({ width: String(width), height: String(height) }));
        } catch {
          continue; // out of bounds: 400
        }
        seen.add(`${options.width}x${options.height}`);
      }
    }
    expect(seen.size).toBeLessThanOrEqual(SLIDE_SIZES.length * 2);
  });
});
