import { z } from "zod";
import { boundedInteger } from "./env-fields";
import { normaliseHandle, normaliseHashtag } from "./signage/screen-match";

// The settings of issue 14 (global emergencies, CAP out and in), kept beside lib/env.ts
// so that file only gains two lines. Nothing here reads process.env: lib/env.ts hands
// the raw values in.

const CAP_CATEGORIES = ["Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other"] as const;
const CAP_URGENCIES = ["Immediate", "Expected", "Future", "Past", "Unknown"] as const;
/** CAP severities, least to most severe (the order minSeverity and raised severities use). */
export const CAP_SEVERITIES = ["Unknown", "Minor", "Moderate", "Severe", "Extreme"] as const;
const CAP_CERTAINTIES = ["Observed", "Likely", "Possible", "Unlikely", "Unknown"] as const;

export type CapSeverity = (typeof CAP_SEVERITIES)[number];

const HANDLE = /^@[^@\s]+@[^@\s]+$/;
const HASHTAG = /^[\p{L}\p{N}_]+$/u;
/** A CAP polygon: at least four "lat,lon" pairs separated by spaces, the first equal to the last. */
const POLYGON = /^(-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?)( -?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?){3,}$/;

const commaList = (name: string, normalise: (value: string) => string, pattern: RegExp, example: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const items = (value ?? "").split(",").map((item) => item.trim()).filter(Boolean).map(normalise);
      const bad = items.find((item) => !pattern.test(item));
      if (bad !== undefined) {
        ctx.addIssue({ code: "custom", message: `${name} must be a comma list like ${example}, and "${bad}" is not one.` });
        return z.NEVER;
      }
      return [...new Set(items)];
    });

const oneOf = <T extends readonly [string, ...string[]]>(name: string, values: T, fallback: T[number]) =>
  z
    .string()
    .optional()
    .transform((value, ctx): T[number] => {
      if (value === undefined || value.trim() === "") return fallback;
      const match = values.find((candidate) => candidate.toLowerCase() === value.trim().toLowerCase());
      if (!match) {
        ctx.addIssue({ code: "custom", message: `${name} must be one of ${values.join(", ")}, not "${value}".` });
        return z.NEVER;
      }
      return match;
    });

// Handles and hashtags compared as screens compare them: one normaliser for both.
export { normaliseHandle as normaliseEmergencyHandle, normaliseHashtag as normaliseEmergencyHashtag } from "./signage/screen-match";

export const capSettingsSchema = {
  EMERGENCY_ACCOUNTS: commaList("EMERGENCY_ACCOUNTS", normaliseHandle, HANDLE, "@alerts@council.example,@civil@defence.example"),
  EMERGENCY_HASHTAGS: commaList("EMERGENCY_HASHTAGS", normaliseHashtag, HASHTAG, "Emergency,Flood"),
  CAP_SENDER: z
    .string()
    .optional()
    .refine((value) => !value || /^[^\s,&<]+$/.test(value.trim()), { message: "CAP_SENDER must be one word without spaces, commas, & or < (like alerts@council.example)." }),
  CAP_AREA: z.string().max(500, "CAP_AREA must be at most 500 characters (a place name such as Wellington City).").optional(),
  CAP_POLYGON: z
    .string()
    .optional()
    .refine((value) => !value?.trim() || (POLYGON.test(value.trim()) && value.trim().split(" ")[0] === value.trim().split(" ").at(-1)), {
      message: 'CAP_POLYGON must be "lat,lon" pairs separated by spaces, at least four, the last equal to the first.',
    }),
  CAP_CATEGORY: oneOf("CAP_CATEGORY", CAP_CATEGORIES, "Safety"),
  CAP_EVENT: z.string().max(200, "CAP_EVENT must be at most 200 characters.").optional(),
  CAP_URGENCY: oneOf("CAP_URGENCY", CAP_URGENCIES, "Immediate"),
  CAP_SEVERITY: oneOf("CAP_SEVERITY", CAP_SEVERITIES, "Severe"),
  CAP_CERTAINTY: oneOf("CAP_CERTAINTY", CAP_CERTAINTIES, "Observed"),
  CAP_EXTREME_HASHTAGS: commaList("CAP_EXTREME_HASHTAGS", normaliseHashtag, HASHTAG, "Evacuate,Tsunami"),
  CAP_ALERT_MINUTES: boundedInteger("CAP_ALERT_MINUTES", 720, 1, 10_080),
  CAP_POLL_SECONDS: boundedInteger("CAP_POLL_SECONDS", 60, 1, 86_400),
};

type Raw = z.output<z.ZodObject<typeof capSettingsSchema>>;

/** The parsed settings, with CAP_SENDER defaulting to the host of PUBLIC_URL. */
export function readCapSettings(raw: Raw, publicUrl: URL) {
  return {
    /** Accounts and hashtags whose announcements are emergencies everywhere (API, CAP, screens). */
    emergencyAccounts: raw.EMERGENCY_ACCOUNTS,
    emergencyHashtags: raw.EMERGENCY_HASHTAGS,
    cap: {
      sender: raw.CAP_SENDER?.trim() || publicUrl.host,
      areaDesc: raw.CAP_AREA?.trim() || null,
      polygon: raw.CAP_POLYGON?.trim() || null,
      category: raw.CAP_CATEGORY,
      event: raw.CAP_EVENT?.trim() || "Public announcement",
      urgency: raw.CAP_URGENCY,
      severity: raw.CAP_SEVERITY as CapSeverity,
      certainty: raw.CAP_CERTAINTY,
      /** Hashtags that raise an alert's severity to Extreme. */
      extremeHashtags: raw.CAP_EXTREME_HASHTAGS,
      /** How long a global emergency stays an active alert after its last edit. */
      alertMinutes: raw.CAP_ALERT_MINUTES,
      /** How often CAP sources are polled (backing off from this on errors). */
      pollSeconds: raw.CAP_POLL_SECONDS,
    },
  };
}
