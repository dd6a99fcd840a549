import path from "node:path";
import { describe, expect, it } from "vitest";
import { isTrustedDomain, parseEnv } from "../../lib/env";

describe("environment", () => {
  it("applies the defaults README documents", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      port: 3000,
      publicUrl: "http://localhost:3000",
      dataDir: path.resolve("./data"),
      databaseUrl: null,
      adminToken: null,
      allowPrivateAddress: false,
      trustedDomains: [],
      isQueueWorker: true,
    });
  });

  it("takes the council's time zone from TIME_ZONE, else the server's own", () => {
    expect(parseEnv({ TIME_ZONE: " Pacific/Auckland " }).timeZone).toBe("Pacific/Auckland");
    expect(parseEnv({}).timeZone).toBe(new Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(() => parseEnv({ TIME_ZONE: "Mars/Olympus_Mons" })).toThrow("TIME_ZONE must be an IANA time zone name such as Europe/London or Pacific/Auckland.");
  });

  it("reads PRERENDER as all, none or a list, and refuses anything else in one sentence", () => {
    expect(parseEnv({}).prerender).toEqual({ slides: true, speech: true, pictures: true });
    expect(parseEnv({ PRERENDER: "none" }).prerender).toEqual({ slides: false, speech: false, pictures: false });
    expect(parseEnv({ PRERENDER: " Speech , pictures" }).prerender).toEqual({ slides: false, speech: true, pictures: true });
    expect(() => parseEnv({ PRERENDER: "slides,video" })).toThrow('PRERENDER must be all, none, or a list of slides, speech and pictures, not "slides,video".');
  });

  it("accepts PostgreSQL URLs in DATABASE_URL", () => {
    for (const url of ["postgres://crier:s3cret@db.internal:5432/crier", "postgresql://crier@127.0.0.1/crier?sslmode=require"]) {
      expect(parseEnv({ DATABASE_URL: url }).databaseUrl).toBe(url);
    }
  });

  it("derives PUBLIC_URL from PORT and normalises it to an origin", () => {
    expect(parseEnv({ PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
    expect(parseEnv({ PUBLIC_URL: "https://crier.example.org/" }).publicUrl).toBe("https://crier.example.org");
  });

  it.each([
    [{ PORT: "http" }, 'PORT must be a whole number from 1 to 65535, not "http".'],
    [{ PORT: "70000" }, "PORT must be a whole number"],
    [{ PUBLIC_URL: "crier.example.org" }, "PUBLIC_URL must be a full URL"],
    [{ PUBLIC_URL: "ftp://crier.example.org" }, "PUBLIC_URL must start with http:// or https://"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL must start with postgres:// or postgresql://"],
    [{ DATABASE_URL: "sqlite:data/crier.sqlite" }, "DATABASE_URL must start with postgres://"],
    [{ DATABASE_URL: "postgres://crier:pw@[db/crier" }, "DATABASE_URL is not a valid URL"],
    [{ ADMIN_TOKEN: "short" }, "ADMIN_TOKEN must be at least 16 characters"],
    [{ ALLOW_PRIVATE_ADDRESS: "maybe" }, 'ALLOW_PRIVATE_ADDRESS must be true or false, not "maybe".'],
    [{ QUEUE_WORKER: "sometimes" }, "QUEUE_WORKER must be true or false"],
    [{ SSE_MAX_STREAMS: "0" }, 'SSE_MAX_STREAMS must be a whole number from 1 to 1000000, not "0".'],
    [{ SSE_MAX_STREAMS_PER_CLIENT: "lots" }, "SSE_MAX_STREAMS_PER_CLIENT must be a whole number"],
    [{ TRUSTED_PROXIES: "10.0.0.1, proxy.internal" }, 'TRUSTED_PROXIES must be a comma list of IP addresses or CIDR ranges (10.0.0.5, 10.0.0.0/8, ::1), and "proxy.internal" is neither.'],
    [{ TRUSTED_PROXIES: "10.0.0.0/33" }, '"10.0.0.0/33" is neither'],
    [{ ARCHIVE_MAX_VERSIONS: "1" }, "ARCHIVE_MAX_VERSIONS must be a whole number from 2 to 10000"],
    [{ ACCOUNT_UPDATES_PER_HOUR: "1.5" }, "ACCOUNT_UPDATES_PER_HOUR must be a whole number"],
  ])("explains a bad value in one sentence: %o", (source, message) => {
    expect(() => parseEnv(source)).toThrowError(message);
    expect(() => parseEnv(source)).toThrowError(/^Crier cannot start: [^\n]+$/);
  });

  it("matches trusted domains on whole labels", () => {
    const env = parseEnv({ TRUSTED_DOMAINS: "govt.nz, .gov.uk" });
    expect(isTrustedDomain("wellington.govt.nz", env)).toBe(true);
    expect(isTrustedDomain("govt.nz:443", env)).toBe(true);
    expect(isTrustedDomain("notgovt.nz", env)).toBe(false);
    expect(isTrustedDomain("council.gov.uk", env)).toBe(true);
  });

  it("bounds live-event streams and the archive by default", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ sseMaxStreams: 2_000, sseMaxStreamsPerClient: 20, archiveMaxVersions: 20, accountUpdatesPerHour: 120 });
    expect(env.trustedProxies.entries).toEqual([]);
  });

  it("reads TRUSTED_PROXIES as addresses and CIDR ranges, IPv4 and IPv6", () => {
    const { trustedProxies } = parseEnv({ TRUSTED_PROXIES: " 10.0.0.0/8, 192.168.1.7 ,fd00::/8,::1" });
    expect(trustedProxies.entries).toEqual(["10.0.0.0/8", "192.168.1.7", "fd00::/8", "::1"]);
    for (const address of ["10.200.3.4", "::ffff:10.0.0.1", "192.168.1.7", "fd12::1", "::1"]) expect(trustedProxies.has(address)).toBe(true);
    for (const address of ["11.0.0.1", "192.168.1.8", "fe80::1", "not an address", ""]) expect(trustedProxies.has(address)).toBe(false);
  });
});

describe("cache budgets", () => {
  it("reads SLIDE_CACHE_BYTES and AUDIO_CACHE_BYTES as bytes, with KiB/MiB/GiB, and defaults to 512 MiB and 1 GiB", () => {
    expect(parseEnv({})).toMatchObject({ slideCacheBytes: 512 * 1024 ** 2, audioCacheBytes: 1024 ** 3 });
    expect(parseEnv({ SLIDE_CACHE_BYTES: "1048576", AUDIO_CACHE_BYTES: " 2GiB " })).toMatchObject({ slideCacheBytes: 1024 ** 2, audioCacheBytes: 2 * 1024 ** 3 });
    expect(parseEnv({ SLIDE_CACHE_BYTES: "64 KiB", AUDIO_CACHE_BYTES: "300MB" })).toMatchObject({ slideCacheBytes: 64 * 1024, audioCacheBytes: 300 * 1024 ** 2 });
  });

  it.each(["lots", "-5", "0", "1.5GiB", "12TB"])("explains a bad SLIDE_CACHE_BYTES in one sentence: %s", (value) => {
    expect(() => parseEnv({ SLIDE_CACHE_BYTES: value })).toThrowError(`SLIDE_CACHE_BYTES must be a size such as 536870912, 512MiB or 1GiB, not "${value}".`);
  });
});
