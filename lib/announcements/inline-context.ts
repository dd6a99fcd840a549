// A JSON-LD body can rename the terms it uses in an inline `@context`:
// `{"sender": {"@id": "as:actor"}}` makes `sender` mean `actor`, so the JSON's
// `actor` key (absent) and what a JSON-LD processor reads (the council) differ.
// Real servers define extension terms inline (Mastodon's `toot:`, `sensitive`,
// `Hashtag`) but never rename the terms that say who speaks, about what, to whom,
// or with which key; a body that does is refused before anything reads it.

const AS = "https://www.w3.org/ns/activitystreams#";
const SECURITY = "https://w3id.org/security#";

/** Terms whose meaning decides who speaks, about what, to whom and with which key. */
const PROTECTED_TERMS = new Set([
  "id", "type", "actor", "attributedTo", "object", "target", "origin", "instrument", "result",
  "to", "cc", "bto", "bcc", "audience", "inReplyTo", "url", "href",
  "publicKey", "publicKeyPem", "owner", "controller", "assertionMethod", "verificationMethod",
  "proof", "signature", "publicKeyMultibase",
]);

/** Context keywords that only set defaults; every other keyword (`@vocab`, `@base`, `@import`, …) is refused. */
const HARMLESS_KEYWORDS = new Set(["@language", "@version", "@direction", "@protected"]);

const PREFIXES: Record<string, string> = { as: AS, sec: SECURITY };

/** The full IRI a term definition points at, with the two prefixes every context here defines. */
function expand(iri: string): string {
  const colon = iri.indexOf(":");
  if (colon > 0) {
    const prefix = PREFIXES[iri.slice(0, colon)];
    if (prefix && !iri.startsWith(`${iri.slice(0, colon)}://`)) return prefix + iri.slice(colon + 1);
  }
  return iri;
}

/** The protected term an IRI in the ActivityStreams or security vocabulary names, or null. */
function protectedTermOf(iri: string): string | null {
  for (const namespace of [AS, SECURITY]) {
    if (iri.startsWith(namespace) && PROTECTED_TERMS.has(iri.slice(namespace.length))) return iri.slice(namespace.length);
  }
  return null;
}

/** Why one inline context object is refused, or null. */
function checkContextObject(context: Record<string, unknown>): string | null {
  for (const [term, definition] of Object.entries(context)) {
    if (term.startsWith("@")) {
      if (!HARMLESS_KEYWORDS.has(term)) return `it sets ${term}`;
      continue;
    }
    if (definition !== null && typeof definition === "object" && !Array.isArray(definition)) {
      const record = definition as Record<string, unknown>;
      if ("@reverse" in record) return `it defines "${term}" as a reverse property`;
      if ("@context" in record) return `it gives "${term}" a scoped context`;
    }
    const target = typeof definition === "string" ? definition : (definition as { "@id"?: unknown } | null)?.["@id"];
    if (typeof target !== "string") {
      if (PROTECTED_TERMS.has(term) && definition !== null) return `it redefines "${term}"`;
      continue;
    }
    if (target.startsWith("@")) return `it makes "${term}" mean ${target}`;
    const named = protectedTermOf(expand(target));
    if (named !== null && named !== term) return `it makes "${term}" mean "${named}"`;
    if (PROTECTED_TERMS.has(term) && named !== term) return `it redefines "${term}" as ${target}`;
  }
  return null;
}

function checkContext(context: unknown): string | null {
  if (Array.isArray(context)) {
    for (const entry of context) {
      const reason = checkContext(entry);
      if (reason !== null) return reason;
    }
    return null;
  }
  if (context !== null && typeof context === "object") return checkContextObject(context as Record<string, unknown>);
  return null;
}

/**
 * Why a JSON-LD body is refused for renaming terms in an inline `@context` (at any
 * depth), or null when it does not. The body's nesting is bounded by the caller.
 */
export function findRenamedTerm(body: unknown): string | null {
  if (Array.isArray(body)) {
    for (const item of body) {
      const reason = findRenamedTerm(item);
      if (reason !== null) return reason;
    }
    return null;
  }
  if (body === null || typeof body !== "object") return null;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const reason = key === "@context" ? checkContext(value) : findRenamedTerm(value);
    if (reason !== null) return reason;
  }
  return null;
}
