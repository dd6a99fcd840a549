import { respondWithFeed } from "@/lib/feeds";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ handle: string }> }) {
  return respondWithFeed("atom", request, decodeURIComponent((await params).handle));
}
