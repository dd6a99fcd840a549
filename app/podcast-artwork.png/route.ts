import { sendBytes } from "@/lib/http/byte-range";
import { renderPodcastArtwork } from "@/lib/feeds/podcast-artwork";

export function GET(request: Request) {
  return sendBytes(request, renderPodcastArtwork(), { etag: '"artwork-1"', contentType: "image/png", cacheControl: "public, max-age=86400" });
}
