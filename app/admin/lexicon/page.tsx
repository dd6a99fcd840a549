import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getLexiconForAdmin, parseLexiconLanguage } from "@/lib/admin/lexicon-api";
import { getCsrfToken, getSessionKey, isAdminSession, SESSION_COOKIE } from "@/lib/admin/auth";
import { describeAdminMessage, takeAdminFlash } from "@/lib/admin/messages";
import { formatLexiconLines, LEXICON_LINE_HELP } from "@/lib/speech/lexicon-text";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Pronunciation lexicon · Admin", robots: { index: false } };

// The languages offered as links; any other is one edit of the address away (?lang=…).
const LANGUAGES: [tag: string, name: string][] = [["en", "English"], ["mi", "te reo Māori"], ["nl", "Dutch"], ["fr", "French"], ["de", "German"], ["ja", "Japanese"]];

export default async function LexiconPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { lang = "en", notice, error } = await searchParams;
  const session = (await cookies()).get(SESSION_COOKIE)?.value;
  if (session === undefined || !(await isAdminSession(session))) redirect("/admin?error=session-ended");
  let language: string;
  try {
    language = parseLexiconLanguage(lang);
  } catch {
    language = "en";
  }
  const message = describeAdminMessage(notice, error);
  const flash = message ? takeAdminFlash(getSessionKey(session)) : null;
  const text = message && flash?.detail ? `${message.text} ${flash.detail}` : message?.text;
  const lexicon = await getLexiconForAdmin(language);
  const name = LANGUAGES.find(([tag]) => tag === language)?.[1] ?? language;
  return (
    <main>
      <p><Link href="/admin">Back to the admin page</Link></p>
      <h1>Pronunciation lexicon</h1>
      {message?.kind === "notice" ? <p className="notice" role="status">{text}</p> : null}
      {message?.kind === "error" ? <p className="error" role="alert">{text}</p> : null}
      <nav aria-label="Languages">
        <ul className="plain-list inline-list">
          {LANGUAGES.map(([tag, label]) => (
            <li key={tag}>
              <Link href={`/admin/lexicon?lang=${tag}`} aria-current={tag === language ? "page" : undefined} style={tag === language ? { fontWeight: 700 } : undefined}>{label}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <h2>Words in {name} posts</h2>
      <p>
        How speech says a word or phrase (up to four words) in posts in {name}. One entry a line: <code>{LEXICON_LINE_HELP}</code>.
        Leave a field empty to skip it. A respelling is read instead of the word; phonemes are espeak-ng phoneme
        mnemonics; a language (such as <code>mi</code>) has that language’s voice say it. Lines starting with # are notes.
      </p>
      <p>{lexicon.saved ? "This is the lexicon you saved." : lexicon.entries.length > 0 ? "Nobody has saved this lexicon yet: this is the starter set Crier comes with." : "Nobody has saved this lexicon yet, and Crier comes with none for it."} Saving re-speaks the recent posts whose words changed.</p>
      <form method="post" action="/admin/lexicon/save">
        <input type="hidden" name="csrf" value={getCsrfToken(session)} />
        <input type="hidden" name="lang" value={language} />
        <p>
          <label htmlFor="lexicon-entries">Entries ({LEXICON_LINE_HELP})</label>
          <br />
          <textarea id="lexicon-entries" name="entries" rows={20} spellCheck={false} style={{ width: "100%", boxSizing: "border-box", font: "inherit" }} defaultValue={formatLexiconLines(lexicon.entries)} />
        </p>
        <p><button type="submit">Save the {name} lexicon</button></p>
      </form>
    </main>
  );
}
