import { Parser } from "htmlparser2";

// Where a public page, feed or JSON answer points for pictures. Crier promises that
// every picture comes from its own origin: a council's server may be slow, down, or
// log every resident who looks.

const PICTURE_PATH = /\.(png|jpe?g|gif|webp|avif|svg)(\?|#|$)|\/media\//i;

/** Every absolute URL in a body that names a picture, found in the text however often it was escaped (feeds carry HTML as escaped text). */
export function findPictureUrls(body: string): string[] {
  const found = new Set<string>();
  let text = body;
  for (let round = 0; round < 3; round++) {
    for (const match of text.matchAll(/https?:\/\/[^\s"'<>()\\]+/g)) {
      const url = match[0].replace(/[.,;]+$/, "");
      if (PICTURE_PATH.test(new URL(url, "http://x").pathname)) found.add(url);
    }
    text = decodeEntities(text);
  }
  return [...found];
}

/** The src and srcset candidates of every img and source element in an HTML page (and in HTML carried in a feed). */
export function findImageSources(html: string): string[] {
  const sources: string[] = [];
  const parser = new Parser({
    onopentag(name, attribs) {
      if (name !== "img" && name !== "source") return;
      if (attribs.src) sources.push(attribs.src);
      for (const candidate of (attribs.srcset ?? "").split(",")) {
        const url = candidate.trim().split(/\s+/)[0];
        if (url) sources.push(url);
      }
    },
  }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return sources;
}

/** One round of the entities feeds and pages use. */
export function decodeEntities(text: string): string {
  const named: Record<string, string> = { lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|quot|apos|amp);/gi, (_, entity: string) => {
    if (entity.startsWith("#x") || entity.startsWith("#X")) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith("#")) return String.fromCodePoint(Number(entity.slice(1)));
    return named[entity.toLowerCase()]!;
  });
}
