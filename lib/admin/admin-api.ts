import { z } from "zod";
import { followAccount, unfollowAccount } from "../federation/following";
import { HttpError } from "../http/responses";
import { getStore } from "../store";
import type { ArchivedVersion, Subscription } from "../store/types";
import { hasAdminBearer } from "./auth";

const followRequest = z.object({
  handle: z.string().trim().min(1, "handle is required, like @news@council.example").max(2048),
  language: z.string().trim().max(35).optional().nullable(),
});

/** Throws 401 unless the request carries the admin bearer token. */
export function requireAdminBearer(request: Request): void {
  if (!hasAdminBearer(request.headers.get("authorization"))) {
    throw new HttpError(401, "This admin route needs the header Authorization: Bearer <ADMIN_TOKEN>.");
  }
}

/** Validates a follow request body and follows the account. */
export async function createSubscriptionFromBody(body: unknown): Promise<Subscription> {
  const parsed = followRequest.safeParse(body);
  if (!parsed.success) {
    throw new HttpError(400, parsed.error.issues[0]?.message ?? 'Send JSON like {"handle":"@news@council.example"}.');
  }
  return followAccount(parsed.data);
}

/** Lists every subscription, oldest first. */
export function listSubscriptions(): Promise<Subscription[]> {
  return getStore().listSubscriptions();
}

/** Unfollows; throws 404 when there is no such subscription. */
export async function deleteSubscription(id: string): Promise<void> {
  if (!(await unfollowAccount(id))) throw new HttpError(404, "No subscription with that id.");
}

/** The archive of one announcement: every version, in order, including its deletion. */
export function listArchivedVersions(id: string): Promise<ArchivedVersion[]> {
  return getStore().listVersions(id);
}
