import { readAdminForm, redirectAfterFailure, redirectToAdmin } from "@/lib/admin/forms";
import { createScreen, updateScreen } from "@/lib/signage/screens";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const admin = await readAdminForm(request);
  if (!admin) return redirectToAdmin({ error: "form-refused" });
  try {
    const fields = Object.fromEntries([...admin.form.entries()].filter(([key]) => key !== "csrf" && key !== "mode").map(([key, value]) => [key, String(value)]));
    const name = String(fields.name ?? "").trim().toLowerCase();
    const screen = admin.form.get("mode") === "update" ? await updateScreen(name, fields, admin.actor) : await createScreen({ ...fields, name }, admin.actor);
    return redirectToAdmin({ notice: "screen-saved" }, { sessionKey: admin.sessionKey, detail: `Screen ${screen.name}.` });
  } catch (error) {
    return redirectAfterFailure(admin.sessionKey, error);
  }
}
