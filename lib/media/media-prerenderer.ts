import path from "node:path";
import { isPicture, MEDIA_FORMATS, MEDIA_WIDTHS } from "../announcements/media-paths";
import { hashRemoteUrl } from "../announcements/public-media";
import type { Announcement } from "../announcements/types";
import { PrerenderQueue } from "../background/prerender-queue";
import { getEventBus } from "../events/bus";
import { getEnv } from "../env";
import { getCrierLogger } from "../log";
import { getRuntimePart } from "../runtime/registry";
import { removeAnnouncementMedia, removeDroppedMedia } from "./media-files";
import { getMediaBudget, getMediaDir, makeCopy } from "./media-service";

const logger = getCrierLogger("media");

/** Announcements whose pictures wait to be fetched and made ahead; past it, they are made when first asked for. */
const MAX_BACKGROUND_ANNOUNCEMENTS = 20;

/**
 * Fetches each new picture once and makes its copies as the announcement arrives, so
 * the first reader does not wait; removes an announcement's pictures when it is
 * deleted or hidden (every `announcement.deleted`, whatever removed it), and the
 * pictures an edit dropped.
 */
function getMediaPrerenderer(): PrerenderQueue {
  return getRuntimePart("media-prerenderer", () => new PrerenderQueue({
    what: "pictures",
    maxBacklog: getEnv().prerender.pictures ? MAX_BACKGROUND_ANNOUNCEMENTS : 0,
    logger,
    work: {
      render: async (announcement, signal) => {
        for (const picture of announcement.attachments.filter(isPicture)) {
          for (const width of MEDIA_WIDTHS) {
            for (const format of MEDIA_FORMATS) {
              if (signal.aborted) return;
              // A picture that cannot be had is noted once; its other copies then answer null at once.
              if ((await makeCopy(announcement.id, picture.url, width, format)) === null) break;
            }
          }
        }
      },
      onUpdated: async (announcement: Announcement) => {
        const kept = new Set(announcement.attachments.filter(isPicture).map((picture) => hashRemoteUrl(picture.url)));
        const files = await removeDroppedMedia(getMediaDir(), announcement.id, kept);
        files.forEach((file) => getMediaBudget().forget(file));
      },
      onDeleted: async (id) => {
        const dir = await removeAnnouncementMedia(getMediaDir(), id);
        getMediaBudget().forget(`${dir}${path.sep}`);
      },
    },
  }), (queue) => queue.stop());
}

/** Starts fetching and removing pictures as announcements arrive, change and go (once per process). */
export function startMediaPrerenderer(): void {
  getMediaPrerenderer().start(getEventBus());
}
