import { getEnv } from "../env";
import { normaliseEmergencyHandle, normaliseEmergencyHashtag } from "../env-emergencies";
import type { Priority } from "./types";

/** The lists that make an announcement an emergency everywhere (EMERGENCY_ACCOUNTS, EMERGENCY_HASHTAGS, and those kept in the console). */
export interface EmergencyLists {
  emergencyAccounts: string[];
  emergencyHashtags: string[];
}

/** The effective lists: the settings' (EMERGENCY_ACCOUNTS, EMERGENCY_HASHTAGS) and the stored ones (console, admin API) together. */
export function withStoredLists(stored: { accounts: string[]; hashtags: string[] }, settings: EmergencyLists = getEnv()): EmergencyLists {
  if (stored.accounts.length === 0 && stored.hashtags.length === 0) return settings;
  return {
    emergencyAccounts: [...settings.emergencyAccounts, ...stored.accounts],
    emergencyHashtags: [...settings.emergencyHashtags, ...stored.hashtags],
  };
}

/** Whether an account's handle or one of the tags is in the global emergency lists. */
export function isGlobalEmergency(handle: string, tags: string[], lists: EmergencyLists = getEnv()): boolean {
  if (lists.emergencyAccounts.length > 0 && lists.emergencyAccounts.includes(normaliseEmergencyHandle(handle))) return true;
  if (lists.emergencyHashtags.length === 0) return false;
  return tags.some((tag) => lists.emergencyHashtags.includes(normaliseEmergencyHashtag(tag)));
}

/**
 * An announcement's priority as every reader sees it: stored as an emergency (a CAP
 * alert at or above its source's minSeverity), or listed globally.
 */
export function readPriority(stored: Priority, handle: string, tags: string[], lists?: EmergencyLists): Priority {
  return stored === "emergency" || isGlobalEmergency(handle, tags, lists) ? "emergency" : "normal";
}
