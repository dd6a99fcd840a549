// Plain data shared by the request parser, the renderer (in its worker) and the
// signage page. No imports: the worker loads this file without a bundler.

/** The slide variants a screen can ask for. */
export const SLIDE_VARIANTS = ["color", "epaper", "epaper-grey"] as const;
export type SlideVariant = (typeof SLIDE_VARIANTS)[number];

/** Colour themes; the signage page offers the same names. */
export const SLIDE_THEMES = {
  // White on black: bright screens in dim halls. Yellow accent is 14.8:1 on black.
  dark: { background: "#000000", foreground: "#ffffff", muted: "#d9d9d9", accent: "#ffd500", accentText: "#000000" },
  light: { background: "#ffffff", foreground: "#000000", muted: "#333333", accent: "#000000", accentText: "#ffffff" },
  contrast: { background: "#000000", foreground: "#ffd500", muted: "#ffd500", accent: "#ffd500", accentText: "#000000" },
} as const;
export type SlideThemeName = keyof typeof SLIDE_THEMES;
export type SlideTheme = (typeof SLIDE_THEMES)[SlideThemeName];

/** Size bounds: the smallest common e-paper panel (296×128) up to 4K, either way round. */
export const SLIDE_LIMITS = { minLong: 296, maxLong: 3840, minShort: 128, maxShort: 2160 } as const;

/**
 * The sizes Crier draws, landscape (each is also drawn portrait, turned): common screens
 * and signage players, then e-paper panels. Any other size within SLIDE_LIMITS is
 * snapped to the nearest of these, so a client cannot make millions of distinct renders.
 */
export const SLIDE_SIZES: readonly { width: number; height: number; name: string }[] = [
  { width: 3840, height: 2160, name: "4K UHD" },
  { width: 2560, height: 1440, name: "QHD" },
  { width: 1920, height: 1200, name: "WUXGA" },
  { width: 1920, height: 1080, name: "full HD" },
  { width: 1680, height: 1050, name: "WSXGA+" },
  { width: 1600, height: 900, name: "HD+" },
  { width: 1440, height: 900, name: "WXGA+" },
  { width: 1366, height: 768, name: "WXGA (most laptops and cheap TVs)" },
  { width: 1280, height: 1024, name: "SXGA (5:4 monitors)" },
  { width: 1280, height: 800, name: "WXGA (tablets, 10\" panels)" },
  { width: 1280, height: 720, name: "HD" },
  { width: 1080, height: 1080, name: "square signage" },
  { width: 1024, height: 768, name: "XGA" },
  { width: 1024, height: 600, name: "7\" panels" },
  { width: 800, height: 600, name: "SVGA, 6\" e-paper (Inkplate 6)" },
  { width: 1872, height: 1404, name: "10.3\" e-paper" },
  { width: 1600, height: 1200, name: "13.3\" e-paper" },
  { width: 1448, height: 1072, name: "6\" HD e-paper" },
  { width: 1304, height: 984, name: "12.48\" e-paper" },
  { width: 1200, height: 825, name: "9.7\" e-paper (Inkplate 10)" },
  { width: 880, height: 528, name: "7.5\" HD e-paper" },
  { width: 800, height: 480, name: "7.5\" e-paper" },
  { width: 640, height: 384, name: "7.5\" e-paper (first edition)" },
  { width: 600, height: 448, name: "5.65\" e-paper" },
  { width: 400, height: 300, name: "4.2\" e-paper" },
  { width: 296, height: 128, name: "2.9\" e-paper" },
];

/**
 * The listed size nearest to the one asked for, in the same orientation: the one whose
 * width and height differ least in proportion (a square list entry fits either way).
 */
export function snapSlideSize(width: number, height: number): { width: number; height: number } {
  const isPortrait = height > width;
  let best = { width: 0, height: 0 };
  let bestDistance = Infinity;
  for (const size of SLIDE_SIZES) {
    const candidate = isPortrait ? { width: size.height, height: size.width } : { width: size.width, height: size.height };
    const distance = Math.abs(Math.log(candidate.width / width)) + Math.abs(Math.log(candidate.height / height));
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

export interface SlideOptions {
  width: number;
  height: number;
  variant: SlideVariant;
  theme: SlideThemeName;
}

export const DEFAULT_SLIDE_OPTIONS: SlideOptions = { width: 1920, height: 1080, variant: "color", theme: "dark" };

/** Sizes rendered ahead at ingest and on edit: full-HD both ways and a 7.5" e-paper panel. */
export const PRERENDER_SIZES: SlideOptions[] = [
  { width: 1920, height: 1080, variant: "color", theme: "dark" },
  { width: 1080, height: 1920, variant: "color", theme: "dark" },
  { width: 800, height: 480, variant: "epaper", theme: "light" },
];

/** E-paper is black ink on white paper whatever theme was asked for. */
export function resolveTheme(options: SlideOptions): SlideTheme {
  return options.variant === "color" ? SLIDE_THEMES[options.theme] : SLIDE_THEMES.light;
}
