import { decideApproval } from "@/lib/admin/announcement-actions";
import { readAdminForm, redirectAfterFailure, redirectToAdmin } from "@/lib/admin/forms";

export const dynamic = "force-dynamic";

/** The console's Approve and Decline buttons. */
export async function POST(request: Request, { params }: { params: Promise<{ name: string; id: string; decision: string }> }) {
  const admin = await readAdminForm(request);
  if (!admin) return redirectToAdmin({ error: "form-refused" });
  const { name, id, decision } = await params;
  try {
    if (decision !== "approve" && decision !== "decline") throw new Error("Choose approve or decline.");
    await decideApproval(name, id, decision === "approve" ? "approved" : "declined", admin.actor);
    return redirectToAdmin({ notice: "announcement-changed" });
  } catch (error) {
    return redirectAfterFailure(admin.sessionKey, error);
  }
}
