import { getAnnouncement } from "@/lib/announcements/listing";
import { sendBytes } from "@/lib/http/byte-range";
import { errorResponse, HttpError } from "@/lib/http/responses";
import { readCachedAudio } from "@/lib/speech/audio-cache";
import { AnnouncementGoneError, ensureAnnouncementAudio } from "@/lib/speech/speech-service";

export const dynamic = "force-dynamic";

// Audio not made yet is made on demand (the same job the background worker runs),
// so a player never has to retry; made audio is served from DATA_DIR/audio.
async function answer(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const { id } = await params;
    const announcement = await getAnnouncement(id);
    if (!announcement) throw new HttpError(404, "No announcement with that id (it may have been deleted).");
    const audio = await ensureAnnouncementAudio(announcement);
    if (audio.kind === "device") {
      throw new HttpError(404, "The server has no voice for this announcement's language; /listen reads it with your device's voice.");
    }
    const bytes = await readCachedAudio(audio.dir, audio.id, audio.hash);
    if (!bytes) throw new HttpError(404, "The audio of this announcement was just removed (it may have been deleted).");
    return sendBytes(request, bytes, { etag: `"${audio.hash}"`, contentType: "audio/mpeg" });
  } catch (error) {
    if (error instanceof AnnouncementGoneError) return errorResponse(new HttpError(404, "No announcement with that id (it was deleted while its audio was being made)."));
    return errorResponse(error);
  }
}

export const GET = answer;
export const HEAD = answer;
