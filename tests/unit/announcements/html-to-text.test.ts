import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { htmlToText, readFieldAsText } from "../../../lib/announcements/html-to-text";
import { TEXT_LAYOUT } from "../../../lib/announcements/html-tags";
import { sanitizeHtml } from "../../../lib/announcements/sanitize-html";
import { collectOutputs, OUTPUTS_FILE } from "./html-text-cases";

// One HTML-to-text path with one tag table. Before, the sanitiser and htmlToText
// each had a table (they disagreed on div, tr, dt, dd, td, th, summary, figcaption
// and caption), and alt text and account names were read as HTML only when they held
// a tag, while content warnings were read so when they held a character reference too.
// html-text-outputs.json is what every path gave before; these are the only answers
// allowed to differ from it, each with the reason it is now right.

const recorded = JSON.parse(fs.readFileSync(OUTPUTS_FILE, "utf8")) as Record<string, Record<string, unknown>>;

/** "case key → output field → new value", for each difference accepted. */
const ACCEPTED: Record<string, Record<string, unknown>> = {
  // Table cells ran together ("DayBin", "MonGreen"): the sanitiser unwrapped <td>, <th>
  // without a break. They are paragraphs now in the stored HTML and text alike.
  "snippet:<table><tr><th>Day</th><th>Bin</th></tr><tr><td>Mon</td><td>Green</td></tr></table>": {
    htmlToText: "Day\n\nBin\n\nMon\n\nGreen",
    sanitizedText: "Day\n\nBin\n\nMon\n\nGreen",
    sanitizedHtml: "<p><p><p>Day</p><p>Bin</p></p><p><p>Mon</p><p>Green</p></p></p>",
    asContent: { html: "<p><p><p>Day</p><p>Bin</p></p><p><p>Mon</p><p>Green</p></p></p>", text: "Day\n\nBin\n\nMon\n\nGreen", summary: null, alts: [] },
    asSummary: "Day\n\nBin\n\nMon\n\nGreen",
    asAlt: ["Day Bin Mon Green"],
    asName: "Day Bin Mon Green",
  },
  // htmlToText alone (never given unsanitised HTML in the app) now lays these out as
  // the sanitiser does, as paragraphs: the same answer as the stored text.
  "snippet:<div>one</div><div>two</div>": { htmlToText: "one\n\ntwo" },
  "snippet:<dl><dt>Term</dt><dd>Definition</dd></dl>": { htmlToText: "Term\n\nDefinition" },
  "snippet:<details><summary>More</summary>Hidden text</details>": { htmlToText: "More\n\nHidden text" },
  // Alt text and names holding a character reference but no tag kept it literally
  // ("Fish &amp; chips"); they are read as HTML now, as content warnings were.
  "snippet:Fish &amp; chips": { asAlt: ["Fish & chips"], asName: "Fish & chips" },
  "snippet:&lt;script&gt;Plain": { asAlt: ["<script>Plain"], asName: "<script>Plain" },
  // An emoji picture kept as its shortcode swallowed the rest of its paragraph, and a
  // caption after it; a <figure> became a paragraph around its caption's paragraph; a
  // paragraph left empty (its picture gone to the attachments) stayed as <p></p>.
  "snippet:<figure><img src=x alt=':blob:'><figcaption>A caption</figcaption></figure>": { sanitizedText: ":blob:\n\nA caption", sanitizedHtml: ":blob:<p>A caption</p>", asContent: {"html": ":blob:<p>A caption</p>", "text": ":blob:\n\nA caption", "summary": null, "alts": []}, asSummary: ":blob:\n\nA caption", asAlt: [":blob: A caption"], asName: ":blob: A caption" },
  "snippet:<p>Emoji <img alt=':council:' src='https://x.example/e.png'> here</p>": { sanitizedText: "Emoji :council: here", sanitizedHtml: "<p>Emoji :council: here</p>", asContent: {"html": "<p>Emoji :council: here</p>", "text": "Emoji :council: here", "summary": null, "alts": []}, asSummary: "Emoji :council: here", asAlt: ["Emoji :council: here"], asName: "Emoji :council: here" },
  "snippet:<p>a<hr>b</p>": { sanitizedHtml: "<p>a</p><br />b", asContent: {"html": "<p>a</p><br />b", "text": "a\n\nb", "summary": null, "alts": []} },
  // The same changes in the shared corpus: WordPress figures with captions, Mobilizon's
  // and Owncast's empty paragraphs.
  "fixture:corpus/mobilizon/event.json": { digest: "13c293593d9ea730a0cc9773707fd20186978077c4e51b5e83c512dd6536073b" },
  "fixture:corpus/owncast/note-live-attachment-object.json": { digest: "c0a7ee363e2521146fbac76c45dd7b72dda2eefd4e3b387ab96c49700ce576de" },
  "fixture:corpus/wordpress/article-namemap-summarymap-images-alt.json": { digest: "938a7eed6742bcd99c0d42c9feed46b76b85134d0f75ebf5c7f625e68caaf459" },
};

describe("HTML to text", () => {
  const current = collectOutputs();

  it("gives every recorded case the answer it gave before, but for the differences accepted above", () => {
    const changed: Record<string, Record<string, unknown>> = {};
    for (const [key, before] of Object.entries(recorded)) {
      const now = current[key];
      if (now === undefined) continue; // a corpus file not beside this checkout
      for (const [field, value] of Object.entries(now)) {
        if (JSON.stringify(value) !== JSON.stringify(before[field])) (changed[key] ??= {})[field] = value;
      }
    }
    // Accepted differences in corpus files count only where the corpus is beside this checkout.
    const expected = Object.fromEntries(Object.entries(ACCEPTED).filter(([key]) => current[key] !== undefined));
    expect(changed).toEqual(expected);
  });

  it("covers every recorded snippet and the project's own fixtures", () => {
    const keys = Object.keys(current);
    for (const key of Object.keys(recorded).filter((name) => !name.startsWith("fixture:corpus/"))) expect(keys).toContain(key);
  });

  it("reads a field as HTML only when it holds markup or a character reference", () => {
    expect(readFieldAsText("3 < 4 and 5 > 2")).toBe("3 < 4 and 5 > 2");
    expect(readFieldAsText("Road <b>closed</b>")).toBe("Road closed");
    expect(readFieldAsText("Tom &amp; Jerry")).toBe("Tom & Jerry");
    expect(readFieldAsText("<p>one</p><p>two</p>")).toBe("one\n\ntwo");
    expect(readFieldAsText("<script>alert(1)</script>Plain")).toBe("Plain");
    // Only the first characters are read as HTML: bounded work on a hostile field.
    expect(readFieldAsText(`<p>${"a".repeat(20)}</p><p>tail</p>`, 10)).toBe("a".repeat(7));
  });

  it("has one table: what the sanitiser drops, htmlToText never writes, and every block it keeps breaks the text", () => {
    // Void elements hold no content to drop or set apart.
    const VOID = new Set(["hr", "frame", "embed"]);
    for (const [tag, layout] of Object.entries(TEXT_LAYOUT).filter(([name]) => !VOID.has(name))) {
      const html = `<p>before</p><${tag}>inside</${tag}><p>after</p>`;
      if (layout === "dropped") {
        expect(sanitizeHtml(html), tag).not.toContain("inside");
        expect(htmlToText(html), tag).toBe("before\n\nafter");
      } else {
        const separated = layout === "paragraph" ? "before\n\ninside\n\nafter" : "before\ninside\nafter";
        expect(htmlToText(sanitizeHtml(`before<${tag}>inside</${tag}>after`)), tag).toBe(htmlToText(`before<${tag}>inside</${tag}>after`));
        expect(htmlToText(html), tag).toContain("inside");
        if (layout === "paragraph") expect(htmlToText(`before<${tag}>inside</${tag}>after`), tag).toBe(separated);
      }
    }
  });
});
