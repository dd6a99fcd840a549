import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EnvError, getEnv } from "../env";
import { getRuntimePart } from "../runtime/registry";

const FILE_NAME = "admin-token";
/** Shorter tokens can be guessed; lib/env.ts holds ADMIN_TOKEN to the same length. */
export const MIN_ADMIN_TOKEN_LENGTH = 16;

/** Where a generated token is kept. */
export function getAdminTokenPath(): string {
  return path.join(getEnv().dataDir, FILE_NAME);
}

/**
 * ADMIN_TOKEN, or the token generated on first start and saved (mode 600) in
 * DATA_DIR/admin-token. Printed once, when it is generated. A saved token shorter
 * than 16 characters (an empty file included) stops start-up with one sentence.
 */
export function getAdminToken(): string {
  return getRuntimePart("admin-token", () => {
    const env = getEnv();
    return env.adminToken ?? readOrCreateTokenFile(getAdminTokenPath(), env.dataDir, env.publicUrl);
  });
}

function readOrCreateTokenFile(file: string, dataDir: string, publicUrl: string): string {
  let saved: string | null = null;
  try {
    saved = readFileSync(file, "utf8").trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new EnvError(`Crier cannot start: it cannot read the admin token in ${file} (${(error as NodeJS.ErrnoException).code}); make the file readable by Crier's user.`);
    }
  }
  if (saved !== null) {
    if (saved.length < MIN_ADMIN_TOKEN_LENGTH) {
      throw new EnvError(`Crier cannot start: the admin token in ${file} is ${saved.length === 0 ? "empty" : "shorter than 16 characters"}; put a token of at least 16 characters there, or delete the file and Crier makes one.`);
    }
    return saved;
  }
  const token = randomBytes(24).toString("base64url");
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: "wx" });
  console.log(
    `\nCrier generated an admin token (saved in ${file}; it is shown only this once):\n\n    ${token}\n\nUse it to sign in at ${publicUrl}/admin, or as "Authorization: Bearer <token>" for the admin API.\n`,
  );
  return token;
}
