import { readAdminForm, redirectToAdmin } from "@/lib/admin/forms";
import { createScreen, updateScreen } from "@/lib/signage/screens";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  const form = await readAdminForm(request);
  if (!form) return redirectToAdmin({ error: "That form was refused: sign in again and retry." });
  try {
    const fields = Object.fromEntries([...form.entries()].filter(([key]) => key !== "csrf" && key !== "mode").map(([key, value]) => [key, String(value)]));
    const name = String(fields.name ?? "").trim().toLowerCase();
    const screen = form.get("mode") === "update" ? await updateScreen(name, fields) : await createScreen({ ...fields, name });
    return redirectToAdmin({ notice: `Saved screen ${screen.name}; its devices pick the change up within a minute (or reload them).` });
  } catch (error) {
    return redirectToAdmin({ error: (error as Error).message });
  }
}
