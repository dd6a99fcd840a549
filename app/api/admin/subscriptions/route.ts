import {
  createSubscriptionFromBody,
  listSubscriptions,
  requireAdminBearer,
} from "@/lib/admin/admin-api";
import { errorResponse, readJsonBody } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    requireAdminBearer(request);
    return Response.json({ items: await listSubscriptions() });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request) {
  try {
    requireAdminBearer(request);
    const body = await readJsonBody(request, '{"handle":"@news@council.example"}');
    const subscription = await createSubscriptionFromBody(body);
    return Response.json(subscription, { status: subscription.state === "error" ? 422 : 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
