import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { convertActivity, convertActorProfile, convertObject } from "../../../lib/announcements/from-activity-streams";
import { htmlToText } from "../../../lib/announcements/html-to-text";
import { sanitizeHtml } from "../../../lib/announcements/sanitize-html";

// Every way HTML becomes text in Crier, over a table of snippets and over the
// ActivityPub fixtures: the stored HTML and text of posts, content warnings, alt
// text and account names. html-text-outputs.json holds what these gave before the
// two tag tables (the sanitiser's and htmlToText's) became one, written once by
// collectOutputs() from that code and committed with it; html-to-text.test.ts
// compares today's answers with it, and lists each difference accepted and why.

const OWN_FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/activitypub");
const CORPUS = path.resolve(import.meta.dirname, "../../../../shared/fixtures/activitypub");
export const OUTPUTS_FILE = path.join(import.meta.dirname, "html-text-outputs.json");

export const SNIPPETS = [
  "<p>Bins are collected on <strong>Monday</strong>.</p>",
  "<p>First paragraph.</p><p>Second paragraph.</p>",
  "<p>Line one<br>Line two<br><br>After a blank line</p>",
  "<p>Lists:</p><ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul><ol><li>first</li></ol>",
  "<blockquote><p>Quoted.</p></blockquote><p>After.</p>",
  "<h1>Title</h1><p>Body</p><h2>Sub</h2>",
  "<pre>  keep\n  these  spaces\r\nline</pre><p>then</p>",
  '<p><a href="https://example.org/very/long/path" class="u-url"><span class="invisible">https://</span><span class="ellipsis">example.org/very/lo</span><span class="invisible">ng/path</span></a></p>',
  '<p><span class="h-card"><a href="https://x.example/@bob" class="u-url mention">@<span>bob</span></a></span> hi</p>',
  "<div>one</div><div>two</div>",
  "<section><p>in a section</p></section><article>an article</article>",
  "<table><tr><th>Day</th><th>Bin</th></tr><tr><td>Mon</td><td>Green</td></tr></table>",
  "<dl><dt>Term</dt><dd>Definition</dd></dl>",
  "<details><summary>More</summary>Hidden text</details>",
  "<figure><img src=x alt=':blob:'><figcaption>A caption</figcaption></figure>",
  "<p>a<hr>b</p>",
  "<p>Fish &amp; chips &lt;today&gt; &#8211; &eacute;t&eacute; &nbsp;x</p>",
  "Fish &amp; chips",
  "Plain text, no markup at all.",
  "3 < 4 and 5 > 2",
  "<script>alert(1)</script>Plain",
  '<img src=x onerror="alert(1)">Plain',
  "<svg onload=alert(1)>Plain",
  '<b>Plain</b> <a href="javascript:alert(1)">x</a>',
  '<iframe src="javascript:alert(1)"></iframe>Plain',
  "<style>*{x:expression(alert(1))}</style>Plain",
  "&lt;script&gt;Plain",
  "Plain<img src=x onerror=alert(1)",
  "<noscript>fallback</noscript><template>t</template><p>shown</p>",
  "<p>   lots   of\n\n  space   </p>",
  "<p>Emoji <img alt=':council:' src='https://x.example/e.png'> here</p>",
  "<center>Centred</center><nav>Nav</nav><main>Main</main>",
  "<p>unclosed <em>emphasis",
  "<ul><li><p>para in item</p></li><li>plain item</li></ul>",
  "<p>Road closed</p>\n\n<p>Use the diversion</p>",
];

type Outputs = Record<string, unknown>;

function readPost(conversion: ReturnType<typeof convertActivity> | ReturnType<typeof convertObject>): Outputs | null {
  const isDraft = "kind" in conversion ? conversion.kind === "object" : conversion.ok;
  if (!isDraft || !("draft" in conversion)) return null;
  const { html, text, summary, attachments } = conversion.draft;
  return { html, text, summary, alts: attachments.map((attachment) => attachment.alt) };
}

function describeSnippet(snippet: string): Outputs {
  const note = (fields: Record<string, unknown>) =>
    readPost(convertObject({ type: "Note", id: "https://council.example/notes/1", attributedTo: "https://council.example/users/news", to: ["https://www.w3.org/ns/activitystreams#Public"], content: "<p>Body</p>", ...fields }));
  return {
    htmlToText: htmlToText(snippet),
    sanitizedText: htmlToText(sanitizeHtml(snippet)),
    sanitizedHtml: sanitizeHtml(snippet),
    asContent: note({ content: snippet }),
    asSummary: note({ summary: snippet, sensitive: true })?.summary,
    asAlt: note({ attachment: [{ type: "Document", mediaType: "image/png", url: "https://council.example/a.png", name: snippet }] })?.alts,
    asName: convertActorProfile({ type: "Person", id: "https://council.example/users/news", name: snippet })?.name,
  };
}

function listJsonFiles(root: string, dir = ""): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return listJsonFiles(root, relative);
    return entry.name.endsWith(".json") ? [relative] : [];
  }).sort();
}

function describeFixture(file: string): Outputs {
  const json: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  const profile = convertActorProfile(json);
  return {
    activity: readPost(convertActivity(json)),
    object: readPost(convertObject(json)),
    profile: profile ? { name: profile.name, preferredUsername: profile.preferredUsername } : null,
  };
}

/** Every case's outputs today, keyed by "snippet:<html>" or "fixture:<own|corpus>/<file>". */
export function collectOutputs(): Record<string, Outputs> {
  const outputs: Record<string, Outputs> = {};
  for (const snippet of SNIPPETS) outputs[`snippet:${snippet}`] = describeSnippet(snippet);
  for (const file of listJsonFiles(OWN_FIXTURES)) outputs[`fixture:own/${file}`] = describeFixture(path.join(OWN_FIXTURES, file));
  // The shared corpus stays outside the repository, and so do its posts' words: a digest stands for them.
  for (const file of listJsonFiles(CORPUS)) {
    const digest = createHash("sha256").update(JSON.stringify(describeFixture(path.join(CORPUS, file)))).digest("hex");
    outputs[`fixture:corpus/${file}`] = { digest };
  }
  return outputs;
}

