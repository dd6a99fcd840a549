import { Parser } from "htmlparser2";

// What a rendered page must never contain, whatever a post carried: checked on the
// parsed page, so escaped text ("&quot; onerror=&quot;…") does not count as markup.

const URL_ATTRIBUTES = new Set(["href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href"]);
// The reader pages have their own forms (settings); their actions are checked as URLs.
const FORBIDDEN_ELEMENTS = new Set(["iframe", "object", "embed", "frame", "frameset", "base", "applet"]);
/** Our own scripts: Next's chunks, the reader pages' progressive enhancement, the signage player's files. */
const OWN_SCRIPTS = /^\/(_next\/|reader\.js$)/;

/** Lists what is unsafe in a page's HTML; an empty list for a safe page. */
export function findUnsafeMarkup(html: string): string[] {
  const problems: string[] = [];
  let scriptText = "";
  let isInScript = false;
  const parser = new Parser({
    onopentag(name, attribs) {
      if (FORBIDDEN_ELEMENTS.has(name)) problems.push(`<${name}> element`);
      if (name === "script") {
        isInScript = true;
        scriptText = "";
        if (attribs.src !== undefined && !OWN_SCRIPTS.test(attribs.src)) problems.push(`script from ${attribs.src}`);
      }
      for (const [attribute, value] of Object.entries(attribs)) {
        if (/^on/i.test(attribute)) problems.push(`${attribute}= on <${name}>`);
        if (attribute === "style" && /expression|url\s*\(/i.test(value)) problems.push(`style ${value}`);
        if (URL_ATTRIBUTES.has(attribute) && /^\s*(javascript|vbscript|data:text|data:image\/svg)/i.test(value)) problems.push(`${attribute}=${value}`);
        if (attribute === "lang" && !/^[A-Za-z0-9-]*$/.test(value)) problems.push(`lang=${value}`);
      }
    },
    ontext(text) {
      if (isInScript) scriptText += text;
    },
    onclosetag(name) {
      // Next's inline scripts carry page data as JSON strings, with "<" escaped.
      if (name === "script" && /<\s*\/?\s*(script|img|svg|iframe)/i.test(scriptText)) problems.push("markup inside an inline script");
      if (name === "script") isInScript = false;
    },
  }, { decodeEntities: true, lowerCaseAttributeNames: true });
  parser.write(html);
  parser.end();
  return problems;
}

/** Lists elements a feed must not contain as elements (its HTML belongs escaped inside description/content). */
export function findUnsafeXmlElements(xml: string): string[] {
  const problems: string[] = [];
  const parser = new Parser({
    onopentag(name, attribs) {
      if (/^(script|iframe|img|svg|object|embed|style)$/i.test(name)) problems.push(`<${name}> element`);
      for (const attribute of Object.keys(attribs)) if (/^on/i.test(attribute)) problems.push(`${attribute}= on <${name}>`);
    },
  }, { xmlMode: true });
  parser.write(xml);
  parser.end();
  return problems;
}
