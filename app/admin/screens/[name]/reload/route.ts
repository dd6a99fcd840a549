import { readAdminForm, redirectToAdmin } from "@/lib/admin/forms";
import { requestScreenReload } from "@/lib/signage/screens";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ name: string }> }) {
  if (!(await readAdminForm(request))) return redirectToAdmin({ error: "That form was refused: sign in again and retry." });
  try {
    const { name } = await params;
    const count = await requestScreenReload(name, null);
    return redirectToAdmin({ notice: `Asked ${count} device(s) of ${name} to reload at their next heartbeat (within 30 s).` });
  } catch (error) {
    return redirectToAdmin({ error: (error as Error).message });
  }
}
