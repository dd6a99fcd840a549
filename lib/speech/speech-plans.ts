import { createHash } from "node:crypto";
import type { Announcement } from "../announcements/types";
import { getEnv } from "../env";
import { getRuntimePart } from "../runtime/registry";
import { getSpeechEngine } from "./espeak-engine";
import { getLexiconSnapshot } from "./lexicon-store";
import { planSpeech, type SpeechPlan } from "./plan-speech";

// /podcast.xml and /listen plan speech for the 50 newest announcements on every
// request; planning normalises all their text. Plans are kept per announcement
// version, keyed by the id and a digest of every field the plan reads, so an edit (or
// an operator's change that leaves `updated` alone) plans anew and nothing stale is spoken.

const MAX_PLANS = 500;

function getPlans(): Map<string, Promise<SpeechPlan>> {
  return getRuntimePart("speech-plans", () => new Map<string, Promise<SpeechPlan>>());
}

/** The key of one version of an announcement's speech: what planSpeech reads, hashed (linear in the text). */
export function getSpeechPlanKey(announcement: Announcement, engineId: string, timeZone: string): string {
  const { id, updated, published, language, summary, text, account, attachments } = announcement;
  const digest = createHash("sha256")
    .update(JSON.stringify([engineId, timeZone, updated, published, language, summary, text, account.name, account.handle, attachments.map((attachment) => attachment.alt), ...(announcement.sharedBy ? [announcement.sharedBy.name] : [])]))
    .digest("base64url");
  return `${id}\n${digest}`;
}

/** How an announcement is spoken (see planSpeech), planned once per version and lexicon, and kept for the next request. */
export async function getSpeechPlan(announcement: Announcement): Promise<SpeechPlan> {
  const engine = getSpeechEngine();
  const { timeZone } = getEnv();
  const lexicon = await getLexiconSnapshot();
  const key = `${getSpeechPlanKey(announcement, engine.id, timeZone)}\n${lexicon.digest}`;
  const plans = getPlans();
  let plan = plans.get(key);
  if (plan) {
    plans.delete(key); // re-inserted below: most recently used last
  } else {
    plan = planSpeech(announcement, engine, timeZone, lexicon);
    plan.catch(() => plans.delete(key));
  }
  plans.set(key, plan);
  for (const [oldest] of plans) {
    if (plans.size <= MAX_PLANS) break;
    plans.delete(oldest);
  }
  return plan;
}
