import { openEventStream } from "@/lib/events/sse";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return openEventStream(request);
}
