import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// Full TTFs, not Fontsource subsets: subsets under one family name do not fall back to
// each other in satori and letters such as Ł or ş became boxes (RENDER-NOTES.md).

const require = createRequire(import.meta.url);

type Weight = 400 | 700;
export interface SlideFont { name: string; data: Buffer; weight: Weight; style: "normal" }

const FAMILIES = {
  latin: { name: "Atkinson Hyperlegible", pkg: "@expo-google-fonts/atkinson-hyperlegible", files: { 400: "400Regular/AtkinsonHyperlegible_400Regular.ttf", 700: "700Bold/AtkinsonHyperlegible_700Bold.ttf" } },
  arabic: { name: "Noto Sans Arabic", pkg: "@expo-google-fonts/noto-sans-arabic", files: { 400: "400Regular/NotoSansArabic_400Regular.ttf", 700: "700Bold/NotoSansArabic_700Bold.ttf" } },
  japanese: { name: "Noto Sans JP", pkg: "@expo-google-fonts/noto-sans-jp", files: { 400: "400Regular/NotoSansJP_400Regular.ttf", 700: "700Bold/NotoSansJP_700Bold.ttf" } },
} as const;
type FamilyKey = keyof typeof FAMILIES;

/** The CSS font-family list every slide uses: Atkinson Hyperlegible first, then the script fallbacks. */
export const SLIDE_FONT_FAMILY = `'${FAMILIES.latin.name}', '${FAMILIES.japanese.name}', '${FAMILIES.arabic.name}'`;

const CJK = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** Path of one font file in node_modules (resvg-js reads files, satori reads bytes). */
function fontPath(family: FamilyKey, weight: Weight): string {
  const entry = FAMILIES[family];
  return path.join(path.dirname(require.resolve(`${entry.pkg}/package.json`)), entry.files[weight]);
}

const fontData = new Map<string, Buffer>();
function loadFont(family: FamilyKey, weight: Weight): SlideFont {
  const file = fontPath(family, weight);
  let data = fontData.get(file);
  if (!data) fontData.set(file, (data = readFileSync(file)));
  return { name: FAMILIES[family].name, data, weight, style: "normal" };
}

// satori caches parsed fonts by the identity of the array: build each list once.
let baseFonts: SlideFont[] | undefined;
let cjkFonts: SlideFont[] | undefined;

/** Fonts for satori; the 5 MB Noto Sans JP files are parsed only once a slide needs them. */
export function getSlideFonts(text: string): SlideFont[] {
  baseFonts ??= (["latin", "arabic"] as const).flatMap((family) => [loadFont(family, 400), loadFont(family, 700)]);
  if (!CJK.test(text)) return baseFonts;
  cjkFonts ??= [...baseFonts, loadFont("japanese", 400), loadFont("japanese", 700)];
  return cjkFonts;
}

/** Font files for resvg-js, which shapes right-to-left scripts correctly where satori does not. */
export function getSlideFontFiles(text: string): string[] {
  const families: FamilyKey[] = CJK.test(text) ? ["latin", "arabic", "japanese"] : ["latin", "arabic"];
  return families.flatMap((family) => [fontPath(family, 400), fontPath(family, 700)]);
}

/** The Atkinson Hyperlegible file of a weight, which the signage page loads as a web font. */
export function getSignageFontFile(weight: Weight): string {
  return fontPath("latin", weight);
}
