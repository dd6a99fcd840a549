import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getEnv } from "../env";

const FILE_NAME = "admin-token";
const KEY = Symbol.for("crier.adminToken");

/** Where a generated token is kept. */
export function getAdminTokenPath(): string {
  return path.join(getEnv().dataDir, FILE_NAME);
}

/**
 * ADMIN_TOKEN, or the token generated on first start and saved (mode 600) in
 * DATA_DIR/admin-token. Printed once, when it is generated.
 */
export function getAdminToken(): string {
  const global = globalThis as { [KEY]?: string };
  if (global[KEY]) return global[KEY];
  const env = getEnv();
  let token = env.adminToken;
  if (!token) {
    const file = getAdminTokenPath();
    try {
      token = readFileSync(file, "utf8").trim();
    } catch {
      token = randomBytes(24).toString("base64url");
      mkdirSync(env.dataDir, { recursive: true });
      writeFileSync(file, `${token}\n`, { mode: 0o600, flag: "wx" });
      console.log(
        `\nCrier generated an admin token (saved in ${file}; it is shown only this once):\n\n    ${token}\n\nUse it to sign in at ${env.publicUrl}/admin, or as "Authorization: Bearer <token>" for the admin API.\n`,
      );
    }
  }
  global[KEY] = token;
  return token;
}
