import { readAdminForm, redirectAfterFailure, redirectToAdmin } from "@/lib/admin/forms";
import { createSourceFromBody } from "@/lib/cap/cap-sources";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const admin = await readAdminForm(request);
  if (!admin) return redirectToAdmin({ error: "form-refused" });
  try {
    const field = (name: string) => String(admin.form.get(name) ?? "");
    const source = await createSourceFromBody({ kind: "cap", url: field("url"), name: field("name"), minSeverity: field("minSeverity") || undefined, area: field("area").trim() || null });
    return redirectToAdmin({ notice: "source-added" }, { sessionKey: admin.sessionKey, detail: `${source.name}.` });
  } catch (error) {
    return redirectAfterFailure(admin.sessionKey, error);
  }
}
