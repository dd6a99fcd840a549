import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// A demo council's identity (its actors' RSA and Ed25519 keys, its TLS certificate) is
// made by the first council of each slot on this machine and kept here, then copied to
// the councils after it: generating an RSA key per actor was most of a council's start
// (2.1 of 2.7 CPU-seconds, and over a minute while the suite saturated both cores).
// The n-th council a test file starts takes slot n, so councils that meet in one test
// never share keys (a signature made with one council's key must stay a forgery to the
// other); councils of different files never meet.
// npm test runs the files with TMPDIR set to a directory of its own, removed after the
// run; it names the machine's own temporary directory here, so the identities outlive it.
const POOL = path.join(process.env.CRIER_TEST_IDENTITY_PARENT ?? tmpdir(), `crier-council-identities-${process.getuid?.() ?? 0}`);
const FILES = ["keys.json", "cert.pem", "key.pem"] as const;

let slotsTaken = 0;

/** Gives a new council's data directory a kept identity, if its slot has one; returns the slot to keep it in once the council made its own. */
export function lendIdentity(dataDir: string): number | null {
  if (existsSync(path.join(dataDir, "keys.json"))) return null; // a restarted council keeps its own
  const slot = slotsTaken++;
  try {
    const kept = JSON.parse(readFileSync(slotFile(slot), "utf8")) as Record<string, string>;
    for (const name of FILES) if (typeof kept[name] !== "string") return slot;
    for (const name of FILES) writeFileSync(path.join(dataDir, name), kept[name]!, { mode: 0o600 });
  } catch {
    // None kept yet (or unreadable): the council makes its own.
  }
  return slot;
}

/**
 * Keeps a started council's identity for its slot when it differs from the kept one
 * (none yet, or the council added keys for a new actor). One file per slot, written
 * whole and renamed, so councils in other lanes never read half of one, or one
 * council's certificate with another's key.
 */
export function keepIdentity(dataDir: string, slot: number): void {
  try {
    const identity: Record<string, string> = {};
    for (const name of FILES) identity[name] = readFileSync(path.join(dataDir, name), "utf8");
    const text = JSON.stringify(identity);
    if (existsSync(slotFile(slot)) && readFileSync(slotFile(slot), "utf8") === text) return;
    mkdirSync(POOL, { recursive: true, mode: 0o700 });
    const temporary = `${slotFile(slot)}.${process.pid}.tmp`;
    writeFileSync(temporary, text, { mode: 0o600 });
    renameSync(temporary, slotFile(slot));
  } catch (error) {
    console.warn(`Could not keep the council identity for slot ${slot}: ${(error as Error).message}`);
  }
}

function slotFile(slot: number): string {
  return path.join(POOL, `slot-${slot}.json`);
}
