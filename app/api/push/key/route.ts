import { errorResponse } from "@/lib/http/responses";
import { getPushPublicKey } from "@/lib/push/push-subscriptions";

export const dynamic = "force-dynamic";

/** The VAPID public key for pushManager.subscribe. */
export async function GET() {
  try {
    return Response.json({ publicKey: await getPushPublicKey() }, { headers: { "cache-control": "no-cache" } });
  } catch (error) {
    return errorResponse(error);
  }
}
