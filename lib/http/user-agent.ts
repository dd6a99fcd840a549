import packageJson from "../../package.json";
import { getEnv } from "../env";

/**
 * What Crier calls itself on every request to another server, GET and POST alike:
 * `Crier/<version> (+PUBLIC_URL)`, so server admins can tell who it is and allow-list it.
 */
export function getCrierUserAgent(): string {
  return `Crier/${packageJson.version} (+${getEnv().publicUrl})`;
}

/** Wraps a fetch so a request that names no User-Agent carries Crier's (Node's own says only "node"). */
export function withUserAgent(inner: typeof fetch, userAgent: () => string): typeof fetch {
  return (input, init) => {
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.has("user-agent")) headers.set("User-Agent", userAgent());
    return inner(input, { ...init, headers });
  };
}
