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
