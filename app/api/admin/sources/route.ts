import { requireAdminBearer } from "@/lib/admin/admin-api";
import { createSourceFromBody, listSources } from "@/lib/cap/cap-sources";
import { errorResponse, readJsonBody } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    requireAdminBearer(request);
    return Response.json({ items: await listSources() });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: Request) {
  try {
    requireAdminBearer(request);
    const body = await readJsonBody(request, '{"kind":"cap","url":"https://alerts.example/cap.atom","name":"Civil Defence","minSeverity":"Severe"}');
    return Response.json(await createSourceFromBody(body), { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}
