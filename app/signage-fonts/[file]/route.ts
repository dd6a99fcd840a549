import { readFile } from "node:fs/promises";
import { getSignageFontFile } from "@/lib/render/fonts";

// Atkinson Hyperlegible for the signage page, from the npm package the slide renderer uses.
const FILES: Record<string, 400 | 700> = { "atkinson-hyperlegible-400.ttf": 400, "atkinson-hyperlegible-700.ttf": 700 };

export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const weight = FILES[(await params).file];
  if (!weight) return new Response("Not found", { status: 404 });
  const data = await readFile(getSignageFontFile(weight));
  return new Response(new Uint8Array(data), { headers: { "content-type": "font/ttf", "cache-control": "public, max-age=31536000, immutable" } });
}
