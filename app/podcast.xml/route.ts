import { getEnv } from "@/lib/env";
import { listAnnouncements } from "@/lib/announcements/listing";
import { renderPodcastFeed, type PodcastEpisode } from "@/lib/feeds/podcast";
import { respondWithEtag } from "@/lib/feeds/feed-response";
import { errorResponse } from "@/lib/http/responses";
import { findCachedAudioSize } from "@/lib/speech/speech-service";
import { MP3_KBPS } from "@/lib/speech/render-audio";

export const dynamic = "force-dynamic";

// Episodes are the announcements whose audio is made (an enclosure needs its length);
// the rest are queued for speech and appear a moment later.
export async function GET(request: Request) {
  try {
    const announcements = await listAnnouncements({ limit: 50 });
    const episodes: PodcastEpisode[] = [];
    for (const announcement of announcements) {
      const size = await findCachedAudioSize(announcement);
      if (size !== null) episodes.push({ announcement, size, kbps: MP3_KBPS });
    }
    const xml = renderPodcastFeed({ publicUrl: getEnv().publicUrl, episodes });
    return respondWithEtag(request, xml, { "content-type": "application/rss+xml; charset=utf-8", "cache-control": "no-cache" });
  } catch (error) {
    return errorResponse(error);
  }
}
