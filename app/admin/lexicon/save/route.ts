import { putLexiconFromBody, parseLexiconLanguage } from "@/lib/admin/lexicon-api";
import { readAdminForm } from "@/lib/admin/forms";
import { redirectToAdminPage } from "@/lib/admin/messages";
import { parseLexiconLines } from "@/lib/speech/lexicon-text";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const admin = await readAdminForm(request);
  if (!admin) return redirectToAdminPage("/admin", { error: "form-refused" });
  let language = "en";
  try {
    language = parseLexiconLanguage(String(admin.form.get("lang") ?? "en"));
    const saved = await putLexiconFromBody(language, parseLexiconLines(String(admin.form.get("entries") ?? "")));
    return redirectToAdminPage(`/admin/lexicon?lang=${language}`, { notice: "lexicon-saved" }, { sessionKey: admin.sessionKey, detail: `${saved.entries.length} entries; re-speaking ${saved.respeaking} recent announcements.` });
  } catch (error) {
    return redirectToAdminPage(`/admin/lexicon?lang=${language}`, { error: "action-failed" }, { sessionKey: admin.sessionKey, detail: (error as Error).message });
  }
}
