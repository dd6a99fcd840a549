/**
 * Drops NUL characters from text bound for a plain text column. PostgreSQL text cannot
 * hold them, and remote servers and kiosks may send them (they carry no meaning); both
 * stores drop them, so a name reads the same whichever backend stored it. (JSON columns
 * keep them: JSON.stringify writes them as the escape \u0000.)
 */
export function withoutNul<T extends string | null>(value: T): T {
  return (typeof value === "string" ? value.replaceAll("\u0000", "") : value) as T;
}
