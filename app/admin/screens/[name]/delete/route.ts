import { readAdminForm, redirectToAdmin } from "@/lib/admin/forms";
import { deleteScreen } from "@/lib/signage/screens";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ name: string }> }) {
  if (!(await readAdminForm(request))) return redirectToAdmin({ error: "That form was refused: sign in again and retry." });
  try {
    const { name } = await params;
    await deleteScreen(name);
    return redirectToAdmin({ notice: `Deleted screen ${name}.` });
  } catch (error) {
    return redirectToAdmin({ error: (error as Error).message });
  }
}
