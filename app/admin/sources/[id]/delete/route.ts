import { readAdminForm, redirectAfterFailure, redirectToAdmin } from "@/lib/admin/forms";
import { deleteSource } from "@/lib/cap/cap-sources";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const admin = await readAdminForm(request);
  if (!admin) return redirectToAdmin({ error: "form-refused" });
  try {
    await deleteSource((await params).id);
    return redirectToAdmin({ notice: "source-removed" });
  } catch (error) {
    return redirectAfterFailure(admin.sessionKey, error);
  }
}
