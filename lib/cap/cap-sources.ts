import { z } from "zod";
import { getAnnouncementChanges } from "../changes/announcement-changes";
import { CAP_SEVERITIES } from "../env-emergencies";
import { HttpError } from "../http/responses";
import { getCrierLogger } from "../log";
import { getStore } from "../store";
import type { CapSource } from "../store/cap-store";

export type { CapSource } from "../store/cap-store";
import { parsePolygon } from "./area";
import { sourceAccountUri } from "./cap-intake";

// The admin side of CAP sources: add (validated), list, pause and resume, remove (its
// alerts leave every screen, as an unfollowed account's posts do).

const logger = getCrierLogger("cap");

const sourceRequest = z.object({
  kind: z.literal("cap", { message: 'kind must be "cap" (the only kind of source so far)' }),
  url: z.string().trim().max(2048, "url is at most 2048 characters").refine((value) => /^https?:\/\/[^\s]+$/.test(value) && URL.canParse(value), "url must be an http:// or https:// address of a CAP file or an Atom index of CAP alerts"),
  name: z.string().trim().min(1, "name is required, like Civil Defence").max(100, "name is at most 100 characters"),
  minSeverity: z.enum(CAP_SEVERITIES, { message: `minSeverity must be one of ${CAP_SEVERITIES.join(", ")}` }).optional().default("Severe"),
  area: z.string().trim().max(100_000).optional().nullable().refine((value) => !value || parsePolygon(value) !== null, 'area must be a CAP polygon: "lat,lon" pairs separated by spaces, at least four, the last equal to the first'),
});

/** Validates a body and adds the source; 409 when its URL is followed already. */
export async function createSourceFromBody(body: unknown): Promise<CapSource> {
  const parsed = sourceRequest.safeParse(body);
  if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? 'Send JSON like {"kind":"cap","url":"https://alerts.example/cap.atom","name":"Civil Defence"}.');
  const { url, name, minSeverity, area } = parsed.data;
  const source = await getStore().cap.createSource({ url: new URL(url).href, name, minSeverity, area: area || null });
  if (!source) throw new HttpError(409, "That CAP source is followed already.");
  logger.info("Added CAP source {url}.", { url: source.url });
  return source;
}

export function listSources(): Promise<CapSource[]> {
  return getStore().cap.listSources();
}

/** Pauses or resumes a source; 404 when there is none. */
export async function setSourcePaused(id: string, body: unknown): Promise<CapSource> {
  const parsed = z.object({ paused: z.boolean({ message: 'Send JSON like {"paused":true}.' }) }).safeParse(body);
  if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? 'Send JSON like {"paused":true}.');
  const source = await getStore().cap.updateSource(id, { paused: parsed.data.paused });
  if (!source) throw new HttpError(404, "No CAP source with that id.");
  return source;
}

/** Removes a source and takes its alerts off every screen; 404 when there is none. */
export async function deleteSource(id: string): Promise<void> {
  const source = await getStore().cap.getSource(id);
  if (!source) throw new HttpError(404, "No CAP source with that id.");
  await getAnnouncementChanges().hideAccount(sourceAccountUri(source));
  await getStore().cap.deleteSource(id);
  logger.info("Removed CAP source {url}.", { url: source.url });
}
