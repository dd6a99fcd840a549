// Every environment variable the demo council reads, parsed once.
import { resolve } from "node:path";

export interface CouncilConfig {
  port: number;
  /** `https://localhost:PORT`, or `http://…` with COUNCIL_HTTP=true. */
  origin: string;
  isHttp: boolean;
  dataDir: string;
  isSecureMode: boolean;
  isManualAccept: boolean;
  firstKnock: "draft-cavage-http-signatures-12" | "rfc9421";
  logLevel: "debug" | "info" | "warning" | "error";
}

function readBoolean(env: NodeJS.ProcessEnv, name: string): boolean {
  const value = (env[name] ?? "").trim().toLowerCase();
  if (value === "" || value === "false" || value === "0") return false;
  if (value === "true" || value === "1") return true;
  throw new Error(`${name} must be "true" or "false", not "${value}".`);
}

/** Reads the council's settings from the environment; throws one readable sentence on a bad value. */
export function readConfig(env = process.env): CouncilConfig {
  const portText = env.COUNCIL_PORT ?? "8443";
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`COUNCIL_PORT must be a port number (1–65535), not "${portText}".`);
  }
  const isHttp = readBoolean(env, "COUNCIL_HTTP");
  const accept = (env.COUNCIL_ACCEPT ?? "auto").trim().toLowerCase();
  if (accept !== "auto" && accept !== "manual") {
    throw new Error(`COUNCIL_ACCEPT must be "auto" or "manual", not "${accept}".`);
  }
  const knock = (env.COUNCIL_FIRST_KNOCK ?? "draft-cavage").trim().toLowerCase();
  if (knock !== "draft-cavage" && knock !== "rfc9421") {
    throw new Error(`COUNCIL_FIRST_KNOCK must be "draft-cavage" or "rfc9421", not "${knock}".`);
  }
  const logLevel = (env.COUNCIL_LOG_LEVEL ?? "warning").trim().toLowerCase();
  if (logLevel !== "debug" && logLevel !== "info" && logLevel !== "warning" && logLevel !== "error") {
    throw new Error(`COUNCIL_LOG_LEVEL must be debug, info, warning or error, not "${logLevel}".`);
  }
  return {
    port,
    origin: `${isHttp ? "http" : "https"}://localhost:${port}`,
    isHttp,
    dataDir: resolve(env.COUNCIL_DATA_DIR ?? "./data/council"),
    isSecureMode: readBoolean(env, "COUNCIL_SECURE_MODE"),
    isManualAccept: accept === "manual",
    firstKnock: knock === "rfc9421" ? "rfc9421" : "draft-cavage-http-signatures-12",
    logLevel,
  };
}
