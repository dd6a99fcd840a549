"use client";

import { useLayoutEffect, useState, type RefObject } from "react";

/** Concerto's floor: no text on a screen smaller than 3.5 % of the screen's height. */
export const MIN_TEXT_SHARE = 0.035;

export interface FitResult {
  fontPx: number;
  /** Words kept when even the floor size cannot hold the whole text (then the slide says it continues). */
  keptWords: number | null;
}

/**
 * The largest font size at which the text fits its box (binary search on real
 * layout, before paint), never below 3.5 % of the screen's height; below that the
 * text is cut at a word and the caller shows a "continued" note with the QR code.
 * The text element must have no React children: this sets its text itself.
 */
export function useFitText(box: RefObject<HTMLElement | null>, text: RefObject<HTMLElement | null>, content: string, screen: { width: number; height: number }): FitResult {
  const floor = Math.max(12, Math.round(screen.height * MIN_TEXT_SHARE));
  const [result, setResult] = useState<FitResult>({ fontPx: floor, keptWords: null });
  useLayoutEffect(() => {
    const boxElement = box.current;
    const textElement = text.current;
    if (!boxElement || !textElement || screen.height === 0) return;
    const fits = (px: number) => {
      textElement.style.fontSize = `${px}px`;
      return textElement.scrollHeight <= boxElement.clientHeight + 1 && textElement.scrollWidth <= boxElement.clientWidth + 1;
    };
    const words = content.split(/(\s+)/);
    textElement.textContent = content;
    if (fits(floor)) {
      let low = floor;
      let high = Math.max(floor + 1, Math.round(Math.min(screen.width, screen.height) * 0.16));
      while (high - low > 1) {
        const probe = Math.floor((low + high) / 2);
        if (fits(probe)) low = probe;
        else high = probe;
      }
      textElement.style.fontSize = `${low}px`;
      setResult({ fontPx: low, keptWords: null });
      return;
    }
    let low = 0;
    let high = words.length;
    while (high - low > 1) {
      const probe = Math.floor((low + high) / 2);
      textElement.textContent = `${words.slice(0, probe).join("").trimEnd()} …`;
      if (fits(floor)) low = probe;
      else high = probe;
    }
    textElement.textContent = `${words.slice(0, low).join("").trimEnd()} …`;
    fits(floor);
    setResult({ fontPx: floor, keptWords: low });
  }, [box, text, content, floor, screen.width, screen.height]);
  return result;
}
