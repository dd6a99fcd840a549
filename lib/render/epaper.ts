/** A rectangle in slide pixels. */
export interface Rect { left: number; top: number; width: number; height: number }

/**
 * Reduces greyscale pixels to `levels` evenly spaced greys (2 = black and white): a
 * plain threshold for text, because dithered text edges look fuzzy on e-paper, and
 * Floyd–Steinberg error diffusion inside the picture areas, where it keeps images
 * recognisable.
 */
export function reduceGreys(source: Uint8Array, width: number, levels: 2 | 4, ditherAreas: Rect[]): Uint8Array {
  const step = 255 / (levels - 1);
  const target = new Uint8Array(source.length);
  for (let i = 0; i < source.length; i++) target[i] = Math.round(source[i] / step) * step;
  const height = source.length / width;
  for (const area of ditherAreas) {
    const left = Math.max(0, Math.floor(area.left));
    const top = Math.max(0, Math.floor(area.top));
    const w = Math.min(width, Math.ceil(area.left + area.width)) - left;
    const bottom = Math.min(height, Math.ceil(area.top + area.height));
    if (w <= 0 || bottom <= top) continue;
    // Two rows of carried error, padded by one pixel each side.
    let current = new Float32Array(w + 2);
    let next = new Float32Array(w + 2);
    for (let x = 0; x < w; x++) current[x + 1] = source[top * width + left + x];
    for (let y = top; y < bottom; y++) {
      next.fill(0);
      if (y + 1 < bottom) for (let x = 0; x < w; x++) next[x + 1] = source[(y + 1) * width + left + x];
      for (let x = 0; x < w; x++) {
        const old = Math.min(255, Math.max(0, current[x + 1]));
        const value = Math.round(old / step) * step;
        target[y * width + left + x] = value;
        const error = old - value;
        current[x + 2] += (error * 7) / 16;
        next[x] += (error * 3) / 16;
        next[x + 1] += (error * 5) / 16;
        next[x + 2] += error / 16;
      }
      [current, next] = [next, current];
    }
  }
  return target;
}
