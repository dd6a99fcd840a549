import { Resvg } from "@resvg/resvg-js";
import satori from "satori";
import sharp, { type Sharp } from "sharp";
import { dropUnknownEmoji, hasEmoji, loadEmojiAsset } from "./emoji.ts";
import { reduceGreys, type Rect } from "./epaper.ts";
import { fitSlide } from "./fit-slide.ts";
import { getSlideFontFiles, getSlideFonts, SLIDE_FONT_FAMILY } from "./fonts.ts";
import { createQrCodeDataUri } from "./qr-code.ts";
import { isRightToLeft, type SlideContent, type SlideImage } from "./slide-content.ts";
import { SLIDE_KEYS, SlideLayout, type SlideLayoutProps } from "./slide-layout.ts";
import { resolveTheme, type SlideOptions } from "./slide-themes.ts";

// Lower memory for a long-running renderer: sharp's cache kept ~90 MB more (RENDER-NOTES.md).
sharp.cache(false);

/** Decoded pictures bigger than this are refused (a small file can claim a huge canvas). */
const MAX_INPUT_PIXELS = 40_000_000;

export interface RenderedSlide { png: Buffer; passes: number; isCut: boolean }

/** Thrown between render stages when `isAbandoned` says nobody waits for the slide any more. */
export class RenderAbandonedError extends Error {
  override name = "RenderAbandonedError";
}

/**
 * Renders one slide to PNG bytes: layout and auto-fit with satori, raster with sharp (or
 * resvg for right-to-left text). `isAbandoned` is asked between stages and layout passes.
 */
export async function renderSlidePng(content: SlideContent, options: SlideOptions, image: SlideImage | null = null, isAbandoned: () => boolean = () => false): Promise<RenderedSlide> {
  const checkAbandoned = () => {
    if (isAbandoned()) throw new RenderAbandonedError("The slide was abandoned: nobody waits for it any more.");
  };
  const theme = resolveTheme(options);
  const text = dropUnknownEmoji(content.text) || " ";
  const isRtl = isRightToLeft(content);
  const allText = `${content.summary ?? ""} ${text} ${content.accountName} ${content.sharedBy ?? ""} ${content.image?.alt ?? ""}`;
  const fonts = getSlideFonts(allText);
  const base: SlideLayoutProps = {
    width: options.width, height: options.height, theme, fontFamily: SLIDE_FONT_FAMILY,
    accountName: dropUnknownEmoji(content.accountName), isOfficial: content.isOfficial,
    sharedBy: content.sharedBy ? dropUnknownEmoji(content.sharedBy) : null,
    date: formatDate(content.published, content.timeZone), summary: content.summary ? dropUnknownEmoji(content.summary) : null,
    isEmergency: content.isEmergency, text, bodyFontSize: 16, isRightToLeft: isRtl,
    image: content.image
      ? { ...(image && !content.image.isHidden ? await toImageDataUri(image, theme.background) : { src: null, aspect: 0.5625 }), alt: content.image.alt ? dropUnknownEmoji(content.image.alt) : null, isHidden: content.image.isHidden }
      : null,
    continuation: null,
  };
  const satoriOptions = { fonts, loadAdditionalAsset: async (code: string, segment: string) => (code === "emoji" ? loadEmojiAsset(segment) : []) };
  // QR codes read best dark on light, whatever the theme.
  const continuation = { qrSrc: createQrCodeDataUri(content.readerUrl, "#000000", "#ffffff"), readerUrl: content.readerUrl };
  const fit = await fitSlide(base, SlideLayout, satoriOptions, continuation, checkAbandoned);
  checkAbandoned();

  const pictureAreas: Rect[] = [];
  const svg = await satori(SlideLayout(fit.props), {
    ...satoriOptions, width: options.width, height: options.height,
    // satori draws Arabic glyph shapes wrongly: leave text as <text> and let resvg shape it.
    embedFont: !isRtl,
    onNodeDetected: (node) => {
      if (node.key === SLIDE_KEYS.image) pictureAreas.push({ left: node.left, top: node.top, width: node.width, height: node.height });
      // Colour emoji lose their light parts to a threshold: on e-paper the text box holding them is dithered too.
      if (node.key === SLIDE_KEYS.bodyText && hasEmoji(fit.props.text)) pictureAreas.push({ left: node.left, top: node.top, width: node.width, height: node.height });
    },
  });
  checkAbandoned();
  const raster = isRtl
    ? sharp(new Resvg(svg, { font: { fontFiles: getSlideFontFiles(allText), loadSystemFonts: false, defaultFontFamily: "Atkinson Hyperlegible" } }).render().asPng())
    : sharp(Buffer.from(svg));
  const png = await encodeVariant(raster, options, pictureAreas);
  return { png, passes: fit.passes + 1, isCut: fit.isCut };
}

async function encodeVariant(raster: Sharp, options: SlideOptions, pictureAreas: Rect[]): Promise<Buffer> {
  if (options.variant === "color") return raster.png({ compressionLevel: 4 }).toBuffer();
  const levels = options.variant === "epaper" ? 2 : 4;
  const { data, info } = await raster.flatten({ background: "#ffffff" }).greyscale().raw().toBuffer({ resolveWithObject: true });
  const grey = info.channels === 1 ? data : takeFirstChannel(data, info.channels);
  const reduced = reduceGreys(grey, info.width, levels, pictureAreas);
  return sharp(reduced, { raw: { width: info.width, height: info.height, channels: 1 } })
    // With 2 or 4 colours libvips writes a 1- or 2-bit palette PNG.
    .png({ palette: true, colours: levels, dither: 0 })
    .toBuffer();
}

function takeFirstChannel(data: Buffer, channels: number): Uint8Array {
  const out = new Uint8Array(data.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels];
  return out;
}

async function toImageDataUri(image: SlideImage, background: string): Promise<{ src: string | null; aspect: number }> {
  try {
    const { data: jpeg, info } = await sharp(image.data, { limitInputPixels: MAX_INPUT_PIXELS, animated: false })
      .rotate()
      .resize(1600, 1600, { fit: "inside", withoutEnlargement: true })
      .flatten({ background })
      .jpeg({ quality: 85 })
      .toBuffer({ resolveWithObject: true });
    return { src: `data:image/jpeg;base64,${jpeg.toString("base64")}`, aspect: info.height / info.width };
  } catch {
    // Not a picture sharp can read (or too large): the slide shows the description instead.
    return { src: null, aspect: 0.5625 };
  }
}

function formatDate(iso: string, timeZone = "UTC"): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone }).format(date);
}
