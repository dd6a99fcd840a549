import { errorResponse } from "@/lib/http/responses";
import { readSmallJson, subscribe, unsubscribe } from "@/lib/push/push-subscriptions";

export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  try {
    return Response.json(await subscribe(await readSmallJson(request)), { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function DELETE(request: Request) {
  try {
    await unsubscribe(await readSmallJson(request));
    return new Response(null, { status: 204 });
  } catch (error) {
    return errorResponse(error);
  }
}
