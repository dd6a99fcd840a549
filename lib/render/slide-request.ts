import { HttpError } from "../http/responses";
import { DEFAULT_SLIDE_OPTIONS, SLIDE_LIMITS, SLIDE_THEMES, SLIDE_VARIANTS, snapSlideSize, type SlideOptions, type SlideThemeName, type SlideVariant } from "./slide-themes";

/**
 * Reads width, height, variant and theme from a query string; a clear 400 for anything
 * out of bounds. Sizes within bounds are snapped to the nearest of SLIDE_SIZES.
 */
export function parseSlideOptions(params: URLSearchParams): SlideOptions {
  const width = parseSide(params.get("width"), "width", DEFAULT_SLIDE_OPTIONS.width);
  const height = parseSide(params.get("height"), "height", DEFAULT_SLIDE_OPTIONS.height);
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  const { minLong, maxLong, minShort, maxShort } = SLIDE_LIMITS;
  if (long < minLong || long > maxLong || short < minShort || short > maxShort) {
    throw new HttpError(400, `A slide is ${minShort}–${maxShort} pixels on its short side and ${minLong}–${maxLong} on its long side (landscape or portrait), not ${width}×${height}.`);
  }
  const variant = params.get("variant") || DEFAULT_SLIDE_OPTIONS.variant;
  if (!(SLIDE_VARIANTS as readonly string[]).includes(variant)) {
    throw new HttpError(400, `variant must be one of ${SLIDE_VARIANTS.join(", ")}, not "${variant.slice(0, 40)}".`);
  }
  const theme = params.get("theme") || DEFAULT_SLIDE_OPTIONS.theme;
  if (!Object.hasOwn(SLIDE_THEMES, theme)) {
    throw new HttpError(400, `theme must be one of ${Object.keys(SLIDE_THEMES).join(", ")}, not "${theme.slice(0, 40)}".`);
  }
  // E-paper ignores the theme: caching it once under "light" avoids identical files.
  return { ...snapSlideSize(width, height), variant: variant as SlideVariant, theme: variant === "color" ? (theme as SlideThemeName) : "light" };
}

/** The query string that asks for these options (defaults left out). */
export function formatSlideQuery(options: SlideOptions): string {
  const query = new URLSearchParams({ width: String(options.width), height: String(options.height) });
  if (options.variant !== "color") query.set("variant", options.variant);
  if (options.variant === "color" && options.theme !== DEFAULT_SLIDE_OPTIONS.theme) query.set("theme", options.theme);
  return query.toString();
}

function parseSide(value: string | null, name: string, fallback: number): number {
  if (value === null || value === "") return fallback;
  if (!/^\d{1,5}$/.test(value)) throw new HttpError(400, `${name} must be a whole number of pixels, not "${value.slice(0, 40)}".`);
  return Number(value);
}
