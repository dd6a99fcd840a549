import satori, { type SatoriOptions } from "satori";
import type { ReactElement } from "react";
import { SLIDE_KEYS, type SlideLayoutProps } from "./slide-layout.ts";

// satori has no auto-fit: we lay the slide out at a font size, read the body box and
// the text's height from onNodeDetected, and search. Layout passes skip embedding
// glyph outlines (embedFont: false), which is most of satori's cost.

export interface FitResult { props: SlideLayoutProps; passes: number; isCut: boolean }

interface Measure { boxHeight: number; textHeight: number; textWidth: number; boxWidth: number }

export type BuildLayout = (props: SlideLayoutProps) => ReactElement;

/** Readable floor and ceiling for the body text of a slide of this size. */
export function getFontBounds(width: number, height: number): { floor: number; ceiling: number } {
  const unit = Math.min(width, height);
  return { floor: Math.max(14, Math.round(unit / 22)), ceiling: Math.max(16, Math.round(unit * 0.22)) };
}

/**
 * Finds the largest body size at which the text fits; below the readable floor the
 * text is cut at a word boundary and a continuation note with a QR code is added.
 */
export async function fitSlide(base: SlideLayoutProps, build: BuildLayout, options: Omit<SatoriOptions, "width" | "height" | "onNodeDetected">, continuation: NonNullable<SlideLayoutProps["continuation"]>, beforePass: () => void = () => undefined): Promise<FitResult> {
  let passes = 0;
  const measure = async (props: SlideLayoutProps): Promise<Measure> => {
    beforePass(); // may throw to stop: nobody waits for this slide any more
    passes++;
    const found: Measure = { boxHeight: 0, textHeight: 0, textWidth: 0, boxWidth: 0 };
    await satori(build(props), {
      ...options, width: props.width, height: props.height, embedFont: false,
      onNodeDetected: (node) => {
        if (node.key === SLIDE_KEYS.bodyBox) { found.boxHeight = node.height; found.boxWidth = node.width; }
        if (node.key === SLIDE_KEYS.bodyText) { found.textHeight = node.height; found.textWidth = node.width; }
      },
    });
    return found;
  };
  const fits = (m: Measure) => m.textHeight <= m.boxHeight + 0.5 && m.textWidth <= m.boxWidth + 0.5;

  const { floor, ceiling } = getFontBounds(base.width, base.height);
  // First guess from the area the text needs (about 0.55 em wide, 1.3 em high a character).
  const first = await measure({ ...base, bodyFontSize: floor });
  if (fits(first)) {
    const chars = Math.max(1, [...base.text].length);
    // satori breaks a word that does not fit its line rather than overflow: keep the longest word whole.
    const longestWord = Math.max(...splitWords(base.text).map((word) => [...word.trim()].length), 1);
    const wordCeiling = Math.max(floor, Math.floor(first.boxWidth / (longestWord * 0.62)));
    const top = Math.min(ceiling, wordCeiling);
    const guess = clamp(Math.floor(Math.sqrt((first.boxWidth * first.boxHeight) / (chars * 0.55 * 1.3))), floor, top);
    let low = floor; // fits
    let high = top + 1; // does not fit (or beyond the ceiling)
    let probe = guess;
    while (high - low > Math.max(1, Math.round(low * 0.04))) {
      if (fits(await measure({ ...base, bodyFontSize: probe }))) low = probe;
      else high = probe;
      probe = Math.floor((low + high) / 2);
    }
    return { props: { ...base, bodyFontSize: low }, passes, isCut: false };
  }

  // Too long even at the floor: keep as many whole words as fit beside the continuation note.
  const segments = splitWords(base.text);
  const withNote = (count: number): SlideLayoutProps => ({ ...base, bodyFontSize: floor, continuation, text: `${segments.slice(0, count).join("").trimEnd()} …` });
  const full = await measure({ ...base, bodyFontSize: floor, continuation });
  const ratio = full.textHeight > 0 ? full.boxHeight / full.textHeight : 0.5;
  let low = 0; // fits (an empty body always does)
  let high = segments.length; // the whole text does not fit
  let probe = clamp(Math.floor(segments.length * ratio * 0.97), 1, segments.length - 1);
  while (high - low > 1) {
    if (fits(await measure(withNote(probe)))) low = probe;
    else high = probe;
    probe = Math.floor((low + high) / 2);
  }
  return { props: withNote(low), passes, isCut: true };
}

function splitWords(text: string): string[] {
  // Intl.Segmenter breaks Japanese into words too, where spaces would not.
  return [...new Intl.Segmenter(undefined, { granularity: "word" }).segment(text)].map((part) => part.segment);
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
