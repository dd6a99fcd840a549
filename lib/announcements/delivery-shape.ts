// The two things the inbox edge reads from a delivery's raw JSON before any JSON-LD
// processing: both can only make Crier do less, never trust more (README, Security model).

/** The `actor` the raw JSON names when it is a plain string; undefined otherwise (then only the JSON-LD reading counts). */
export function readPlainActor(json: Record<string, unknown>): string | undefined {
  return typeof json.actor === "string" ? json.actor : undefined;
}

/**
 * The body without its Linked Data signature (`signature`): Crier requires an HTTP
 * signature and never relies on LD signatures, and Fedify would otherwise
 * canonicalise the whole activity (seconds of CPU for a large one) to verify one.
 */
export function withoutLinkedDataSignature(json: Record<string, unknown>, body: string): string {
  if (!("signature" in json)) return body;
  const { signature: _ignored, ...rest } = json;
  return JSON.stringify(rest);
}
