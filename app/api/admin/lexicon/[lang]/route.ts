import { requireAdminBearer } from "@/lib/admin/admin-api";
import { getLexiconForAdmin, parseLexiconLanguage, putLexiconFromBody } from "@/lib/admin/lexicon-api";
import { errorResponse, readJsonBody } from "@/lib/http/responses";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ lang: string }> };

export async function GET(request: Request, { params }: Context) {
  try {
    requireAdminBearer(request);
    return Response.json(await getLexiconForAdmin(parseLexiconLanguage((await params).lang)));
  } catch (error) {
    return errorResponse(error);
  }
}

export async function PUT(request: Request, { params }: Context) {
  try {
    requireAdminBearer(request);
    const language = parseLexiconLanguage((await params).lang);
    const body = await readJsonBody(request, '{"entries":[{"word":"Whangarei","respelling":"Whangārei","language":"mi"}]}');
    return Response.json(await putLexiconFromBody(language, body));
  } catch (error) {
    return errorResponse(error);
  }
}
