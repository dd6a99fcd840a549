import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect } from "vitest";

/** The OASIS CAP 1.2 schema (with its copyright notice), as OASIS publishes it. */
export const CAP_SCHEMA = path.resolve(import.meta.dirname, "../../../fixtures/cap/CAP-v1.2.xsd");

/** Validates a CAP document with xmllint against the OASIS schema; fails the test with xmllint's words otherwise. */
export function expectValidCap(document: string): void {
  let result: string;
  try {
    execFileSync("xmllint", ["--noout", "--schema", CAP_SCHEMA, "-"], { input: document, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"] });
    result = "valid";
  } catch (error) {
    result = `${(error as { stderr?: string }).stderr ?? error}\n${document}`;
  }
  expect(result).toBe("valid");
}
