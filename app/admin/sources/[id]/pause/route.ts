import { readAdminForm, redirectAfterFailure, redirectToAdmin } from "@/lib/admin/forms";
import { setSourcePaused } from "@/lib/cap/cap-sources";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const admin = await readAdminForm(request);
  if (!admin) return redirectToAdmin({ error: "form-refused" });
  try {
    const source = await setSourcePaused((await params).id, { paused: admin.form.get("paused") === "true" });
    return redirectToAdmin({ notice: source.paused ? "source-paused" : "source-resumed" }, { sessionKey: admin.sessionKey, detail: `${source.name}.` });
  } catch (error) {
    return redirectAfterFailure(admin.sessionKey, error);
  }
}
