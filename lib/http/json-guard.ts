/** Limits for a remote ActivityPub request body, checked before any JSON or JSON-LD processing. */
export const ACTIVITY_LIMITS = {
  maxBytes: 512 * 1024,
  maxDepth: 32,
  // JSON-LD canonicalisation of an activity with thousands of nodes costs seconds of CPU.
  maxContainers: 2_000,
};

export type JsonGuardResult = { ok: true } | { ok: false; status: 400 | 413; reason: string };

/**
 * Scans raw JSON text without parsing it (so nothing can overflow the stack) and
 * refuses bodies that are too big, too deep, or have too many objects and arrays.
 */
export function checkJsonShape(text: string, limits = ACTIVITY_LIMITS): JsonGuardResult {
  if (Buffer.byteLength(text, "utf8") > limits.maxBytes) {
    return { ok: false, status: 413, reason: `Body larger than ${limits.maxBytes} bytes.` };
  }
  let depth = 0;
  let containers = 0;
  let isInString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (isInString) {
      if (char === 0x5c) index++; // backslash: skip the escaped character
      else if (char === 0x22) isInString = false;
      continue;
    }
    if (char === 0x22) isInString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth++;
      containers++;
      if (depth > limits.maxDepth) return { ok: false, status: 400, reason: `JSON nested deeper than ${limits.maxDepth} levels.` };
      if (containers > limits.maxContainers) {
        return { ok: false, status: 413, reason: `JSON with more than ${limits.maxContainers} objects and arrays.` };
      }
    } else if (char === 0x7d || char === 0x5d) depth--;
  }
  return { ok: true };
}
