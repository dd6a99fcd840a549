import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { renderSlidePng } from "../../../lib/render/render-slide.ts";
import { GOLDEN_SIZES, SLIDE_FIXTURES } from "./slide-fixtures.ts";

// Golden images: each fixture at each size, compared pixel by pixel with the committed
// reference. UPDATE_GOLDEN=1 rewrites the references that differ and still fails those
// cases, so a run that changed a reference can never pass: look at every rewritten one,
// commit it, and run again without UPDATE_GOLDEN.

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
    if (!existsSync(reference)) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(reference, png);
      throw new Error(`No reference for ${name}: wrote one; look at it and run again.`);
    }
    const actual = await readRgba(png);
    const expected = await readRgba(readFileSync(reference));
    expect([actual.width, actual.height]).toEqual([size.width, size.height]);
    const share = sameSize(actual, expected) ? differentShare(actual, expected) : 1;
    if (share > MAX_DIFFERENT_PIXELS) {
      if (process.env.UPDATE_GOLDEN) {
        writeFileSync(reference, png);
        throw new Error(`${name}: ${(share * 100).toFixed(2)} % of pixels differ; rewrote the reference (UPDATE_GOLDEN): look at it, commit it, run again without UPDATE_GOLDEN.`);
      }
      writeFileSync(path.join(GOLDEN_DIR, `${name}.actual.png`), png);
    }
    expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
    expect(share, `${name}: ${(share * 100).toFixed(2)} % of pixels differ (written beside the reference as .actual.png)`).toBeLessThanOrEqual(MAX_DIFFERENT_PIXELS);
  });
});

type Rgba = Awaited<ReturnType<typeof readRgba>>;

function sameSize(a: Rgba, b: Rgba): boolean {
  return a.width === b.width && a.height === b.height;
}

/** The share of pixels with a channel further than CHANNEL_TOLERANCE from the reference's. */
function differentShare(actual: Rgba, expected: Rgba): number {
  let different = 0;
  for (let i = 0; i < actual.data.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs(actual.data[i + c]! - expected.data[i + c]!) > CHANNEL_TOLERANCE) {
        different++;
        break;
      }
    }
  }
  return different / (actual.width * actual.height);
}
