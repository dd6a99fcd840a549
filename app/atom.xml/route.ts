import { respondWithFeed } from "@/lib/feeds";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return respondWithFeed("atom", request);
}
