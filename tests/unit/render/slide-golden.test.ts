import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { renderSlidePng } from "../../../lib/render/render-slide.ts";
import { GOLDEN_SIZES, SLIDE_FIXTURES } from "./slide-fixtures.ts";

// Golden images: each fixture at each size, compared pixel by pixel with the committed
// reference. UPDATE_GOLDEN=1 rewrites the references; look at every one before committing.

const GOLDEN_DIR = path.join(import.meta.dirname, "golden");
const PICTURE = { data: readFileSync(path.join(import.meta.dirname, "../../council/media/road-closed.png")), mediaType: "image/png" };
// Anti-aliasing may differ by a few levels between library builds; layout changes do not stay under this.
const CHANNEL_TOLERANCE = 24;
const MAX_DIFFERENT_PIXELS = 0.005;

async function readRgba(png: Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe("slide golden images", () => {
  const cases = SLIDE_FIXTURES.flatMap((content) => GOLDEN_SIZES.map((size) => ({ content, size, name: `${content.id}-${size.name}` })));
  it.each(cases)("$name", async ({ content, size, name }) => {
    const { png } = await renderSlidePng(content, size, content.image ? PICTURE : null);
    const reference = path.join(GOLDEN_DIR, `${name}.png`);
    if (process.env.UPDATE_GOLDEN || !existsSync(reference)) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(reference, png);
      if (!process.env.UPDATE_GOLDEN) throw new Error(`No reference for ${name}: wrote one; look at it and run again.`);
      return;
    }
    const actual = await readRgba(png);
    const expected = await readRgba(readFileSync(reference));
    expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
    expect([actual.width, actual.height]).toEqual([size.width, size.height]);
    let different = 0;
    for (let i = 0; i < actual.data.length; i += 4) {
      for (let c = 0; c < 4; c++) {
        if (Math.abs(actual.data[i + c]! - expected.data[i + c]!) > CHANNEL_TOLERANCE) {
          different++;
          break;
        }
      }
    }
    const share = different / (actual.width * actual.height);
    if (share > MAX_DIFFERENT_PIXELS) writeFileSync(path.join(GOLDEN_DIR, `${name}.actual.png`), png);
    expect(share, `${name}: ${(share * 100).toFixed(2)} % of pixels differ (written beside the reference as .actual.png)`).toBeLessThanOrEqual(MAX_DIFFERENT_PIXELS);
  });
});
