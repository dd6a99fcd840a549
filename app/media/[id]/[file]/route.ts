import { errorResponse } from "@/lib/http/responses";
import { respondWithMedia } from "@/lib/media/media-response";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string; file: string }> }) {
  try {
    const { id, file } = await params;
    return await respondWithMedia(request, id, file);
  } catch (error) {
    return errorResponse(error);
  }
}
