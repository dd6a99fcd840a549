import path from "node:path";
import { z } from "zod";
import { getSystemTimeZone, isKnownTimeZone } from "./time-zone";
import { parseAddressList, type AddressList } from "./http/address-list";
import { capSettingsSchema, readCapSettings } from "./env-emergencies";
import { boundedInteger } from "./env-fields";

// The only module that reads process.env (docs/architecture.md). Parsed once, on first use.

const booleanFlag = (name: string, fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return fallback;
      const normalised = value.trim().toLowerCase();
      if (["true", "1", "yes", "on"].includes(normalised)) return true;
      if (["false", "0", "no", "off"].includes(normalised)) return false;
      ctx.addIssue({ code: "custom", message: `${name} must be true or false, not "${value}".` });
      return z.NEVER;
    });

const BYTE_UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** A size in bytes: a whole number, optionally with KiB, MiB or GiB (KB, MB, GB are read as the same). */
const byteSize = (name: string, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return fallback;
      const match = /^(\d{1,15})\s*([a-z]{0,3})$/i.exec(value.trim());
      const unit = match ? BYTE_UNITS[match[2]!.toLowerCase()] : undefined;
      const bytes = match && unit ? Number(match[1]) * unit : 0;
      if (!Number.isSafeInteger(bytes) || bytes < 1) {
        ctx.addIssue({ code: "custom", message: `${name} must be a size such as 536870912, 512MiB or 1GiB, not "${value}".` });
        return z.NEVER;
      }
      return bytes;
    });

const PRERENDER_KINDS = ["slides", "speech", "pictures"] as const;
type PrerenderKind = (typeof PRERENDER_KINDS)[number];

/** Which renderings are made ahead as posts arrive: a list of slides, speech, pictures; "all" or "none". */
const prerenderList = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const words = (value ?? "all").toLowerCase().split(",").map((word) => word.trim()).filter(Boolean);
    if (words.length === 0 || (words.length === 1 && words[0] === "all")) return new Set<PrerenderKind>(PRERENDER_KINDS);
    if (words.length === 1 && words[0] === "none") return new Set<PrerenderKind>();
    const unknown = words.find((word) => !(PRERENDER_KINDS as readonly string[]).includes(word));
    if (unknown !== undefined) {
      ctx.addIssue({ code: "custom", message: `PRERENDER must be all, none, or a list of slides, speech and pictures, not "${value}".` });
      return z.NEVER;
    }
    return new Set(words as PrerenderKind[]);
  });

const schema = z
  .object({
    PORT: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value === "") return 3000;
        const port = Number(value);
        if (!Number.isInteger(port) || port < 1 || port > 65535) {
          ctx.addIssue({ code: "custom", message: `PORT must be a whole number from 1 to 65535, not "${value}".` });
          return z.NEVER;
        }
        return port;
      }),
    PUBLIC_URL: z.string().optional(),
    DATA_DIR: z.string().optional(),
    DATABASE_URL: z
      .string()
      .optional()
      .refine((value) => !value || /^postgres(ql)?:\/\//.test(value), {
        message: "DATABASE_URL must start with postgres:// or postgresql:// (leave it unset to use the built-in SQLite database).",
      })
      .refine((value) => !value || URL.canParse(value), {
        message: "DATABASE_URL is not a valid URL; write it as postgres://user:password@host:5432/database (percent-encode special characters in the password).",
      }),
    ADMIN_TOKEN: z
      .string()
      .optional()
      .refine((value) => !value || value.length >= 16, {
        message: "ADMIN_TOKEN must be at least 16 characters long (or unset it and Crier generates one).",
      }),
    ALLOW_PRIVATE_ADDRESS: booleanFlag("ALLOW_PRIVATE_ADDRESS", false),
    TRUSTED_DOMAINS: z.string().optional(),
    QUEUE_WORKER: booleanFlag("QUEUE_WORKER", true),
    LOG_LEVEL: z.enum(["debug", "info", "warning", "error"]).optional().default("info"),
    TIME_ZONE: z
      .string()
      .optional()
      .refine((value) => !value?.trim() || isKnownTimeZone(value.trim()), {
        message: "TIME_ZONE must be an IANA time zone name such as Europe/London or Pacific/Auckland.",
      }),
    SSE_MAX_STREAMS: boundedInteger("SSE_MAX_STREAMS", 2_000, 1, 1_000_000),
    SSE_MAX_STREAMS_PER_CLIENT: boundedInteger("SSE_MAX_STREAMS_PER_CLIENT", 20, 1, 1_000_000),
    TRUSTED_PROXIES: z
      .string()
      .optional()
      .transform((value, ctx): AddressList => {
        const parsed = parseAddressList(value ?? "");
        if ("error" in parsed) {
          ctx.addIssue({ code: "custom", message: `TRUSTED_PROXIES must be a comma list of IP addresses or CIDR ranges (10.0.0.5, 10.0.0.0/8, ::1), and "${parsed.error}" is neither.` });
          return z.NEVER;
        }
        return parsed;
      }),
    ARCHIVE_MAX_VERSIONS: boundedInteger("ARCHIVE_MAX_VERSIONS", 20, 2, 10_000),
    ACCOUNT_UPDATES_PER_HOUR: boundedInteger("ACCOUNT_UPDATES_PER_HOUR", 120, 1, 1_000_000),
    SLIDE_CACHE_BYTES: byteSize("SLIDE_CACHE_BYTES", 512 * 1024 ** 2),
    AUDIO_CACHE_BYTES: byteSize("AUDIO_CACHE_BYTES", 1024 ** 3),
    DELIVERY_RETRIES: boundedInteger("DELIVERY_RETRIES", 10, 0, 100),
    DELIVERY_RETRY_DELAY_MS: boundedInteger("DELIVERY_RETRY_DELAY_MS", 1_000, 10, 3_600_000),
    FOLLOW_CHECK_INTERVAL_MS: boundedInteger("FOLLOW_CHECK_INTERVAL_MS", 6 * 3_600_000, 1_000, 7 * 24 * 3_600_000),
    ...capSettingsSchema,
    MEDIA_CACHE_BYTES: byteSize("MEDIA_CACHE_BYTES", 1024 ** 3),
    PRERENDER: prerenderList,
  })
  .transform((raw, ctx) => {
    const publicUrl = raw.PUBLIC_URL?.trim() || `http://localhost:${raw.PORT}`;
    let origin: URL;
    try {
      origin = new URL(publicUrl);
    } catch {
      ctx.addIssue({ code: "custom", message: `PUBLIC_URL must be a full URL such as https://crier.example.org, not "${publicUrl}".` });
      return z.NEVER;
    }
    if (origin.protocol !== "http:" && origin.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: `PUBLIC_URL must start with http:// or https://, not "${publicUrl}".` });
      return z.NEVER;
    }
    return {
      port: raw.PORT,
      publicUrl: origin.origin,
      dataDir: path.resolve(/*turbopackIgnore: true*/ raw.DATA_DIR?.trim() || "./data"),
      databaseUrl: raw.DATABASE_URL || null,
      adminToken: raw.ADMIN_TOKEN || null,
      allowPrivateAddress: raw.ALLOW_PRIVATE_ADDRESS,
      trustedDomains: (raw.TRUSTED_DOMAINS ?? "")
        .split(",")
        .map((domain) => domain.trim().toLowerCase().replace(/^\.+/, ""))
        .filter(Boolean),
      isQueueWorker: raw.QUEUE_WORKER,
      logLevel: raw.LOG_LEVEL,
      /** The council's zone: dates on pages, slides and in speech are in it. */
      timeZone: raw.TIME_ZONE?.trim() || getSystemTimeZone(),
      /** Concurrent SSE streams: in all, and from one client address. */
      sseMaxStreams: raw.SSE_MAX_STREAMS,
      sseMaxStreamsPerClient: raw.SSE_MAX_STREAMS_PER_CLIENT,
      /** Peers whose X-Forwarded-For names the client (otherwise the socket's address is the client). */
      trustedProxies: raw.TRUSTED_PROXIES,
      /** Versions kept in the archive per announcement (oldest out), and edits stored per account per clock hour. */
      archiveMaxVersions: raw.ARCHIVE_MAX_VERSIONS,
      accountUpdatesPerHour: raw.ACCOUNT_UPDATES_PER_HOUR,
      /** Bytes of slide images kept in DATA_DIR/slides, least recently used out. */
      slideCacheBytes: raw.SLIDE_CACHE_BYTES,
      /** Bytes of spoken audio kept in DATA_DIR/audio, least recently used out. */
      audioCacheBytes: raw.AUDIO_CACHE_BYTES,
      /** Retries of a failed delivery (a Follow, an Undo), and the wait before the first (doubling after). */
      deliveryRetries: raw.DELIVERY_RETRIES,
      deliveryRetryDelayMs: raw.DELIVERY_RETRY_DELAY_MS,
      /** How often each followed account's followers collection is checked for Crier (a lost follow). */
      followCheckIntervalMs: raw.FOLLOW_CHECK_INTERVAL_MS,
      ...readCapSettings(raw, origin),
      /** Bytes of pictures (fetched originals and their resized copies) kept in DATA_DIR/media, least recently used out. */
      mediaCacheBytes: raw.MEDIA_CACHE_BYTES,
      /** Renderings made in the background as posts arrive or change; the others are made when first asked for. */
      prerender: { slides: raw.PRERENDER.has("slides"), speech: raw.PRERENDER.has("speech"), pictures: raw.PRERENDER.has("pictures") },
    };
  });

export type Env = z.output<typeof schema>;

/** Thrown when the environment is unusable; its message is one sentence for the operator. */
export class EnvError extends Error {
  override name = "EnvError";
}

let cached: Env | undefined;

/** Validates an environment; throws EnvError naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new EnvError(`Crier cannot start: ${issue?.message ?? "the environment is invalid."}`);
  }
  return result.data;
}

/** The validated process environment, parsed once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Whether an account's domain is in TRUSTED_DOMAINS (suffix match on whole labels). */
export function isTrustedDomain(domain: string, env: Env = getEnv()): boolean {
  const host = domain.toLowerCase().replace(/:\d+$/, "");
  return env.trustedDomains.some((trusted) => host === trusted || host.endsWith(`.${trusted}`));
}
