import { z } from "zod";
import { getEnv } from "../env";
import { HttpError } from "../http/responses";
import { getStore } from "../store";
import { getVapidKeys } from "./vapid-keys";

// Residents subscribe their browsers to emergencies: the body is what the browser's
// PushSubscription.toJSON() gives, plus the page's language. Anyone may subscribe, so
// what is kept is bounded: one row per endpoint, and at most MAX_SUBSCRIPTIONS.

export const MAX_SUBSCRIPTIONS = 100_000;
/** The most a subscribe or unsubscribe body may hold. */
export const MAX_BODY_BYTES = 4_096;

const base64urlBytes = (length: number, name: string) =>
  z.string().regex(/^[A-Za-z0-9_-]+=*$/, `${name} must be base64url`).refine((value) => Buffer.from(value, "base64url").length === length, `${name} must be ${length} bytes`);

const endpoint = z
  .string()
  .max(2048, "endpoint is at most 2048 characters")
  .refine((value) => URL.canParse(value) && (new URL(value).protocol === "https:" || (getEnv().allowPrivateAddress && new URL(value).protocol === "http:")), "endpoint must be the https:// address of a push service");

const subscribeRequest = z.object({
  endpoint,
  keys: z.object({
    p256dh: base64urlBytes(65, "keys.p256dh").refine((value) => Buffer.from(value, "base64url")[0] === 4, "keys.p256dh must be an uncompressed P-256 point"),
    auth: base64urlBytes(16, "keys.auth"),
  }),
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/, "language must be a BCP 47 tag such as en or de-CH").optional().nullable(),
});

/** Reads a small JSON body, or throws 400/413. */
export async function readSmallJson(request: Request): Promise<unknown> {
  const tooLarge = () => new HttpError(413, `A push subscription is at most ${MAX_BODY_BYTES} bytes of JSON.`);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw tooLarge();
  // Read no further than the limit, whatever the sender declared (or did not).
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body?.getReader();
  for (let read = await reader?.read(); reader && read && !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(read.value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The body must be JSON like {"endpoint":"https://push.example/…","keys":{"p256dh":"…","auth":"…"}}.');
  }
}

/** Keeps a subscription (201 with its id); 503 when Crier holds as many as it keeps. */
export async function subscribe(body: unknown): Promise<{ id: string }> {
  const parsed = subscribeRequest.safeParse(body);
  if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? "Send the browser's PushSubscription as JSON.");
  const push = getStore().push;
  if ((await push.countSubscriptions()) >= MAX_SUBSCRIPTIONS) throw new HttpError(503, "Crier has as many push subscriptions as it keeps; follow the feeds or the podcast instead.");
  const { endpoint, keys, language } = parsed.data;
  const record = await push.putSubscription({ endpoint, p256dh: keys.p256dh, auth: keys.auth, language: language ?? null });
  return { id: record.id };
}

/** Forgets a subscription by its endpoint (whoever knows the endpoint holds the subscription); 404 when unknown. */
export async function unsubscribe(body: unknown): Promise<void> {
  const parsed = z.object({ endpoint }).safeParse(body);
  if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? 'Send JSON like {"endpoint":"https://push.example/…"}.');
  if (!(await getStore().push.deleteSubscription(parsed.data.endpoint))) throw new HttpError(404, "No push subscription with that endpoint.");
}

/** The VAPID public key a page passes to pushManager.subscribe (applicationServerKey). */
export async function getPushPublicKey(): Promise<string> {
  return (await getVapidKeys()).publicKey;
}
