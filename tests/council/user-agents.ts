// The User-Agent of every federation request the council receives (not /_control/),
// by method, so tests can check what another server's admin would see in its logs.

const seen = { GET: new Set<string>(), POST: new Set<string>() };

export function noteUserAgent(request: Request): void {
  const method = request.method === "POST" ? "POST" : request.method === "GET" ? "GET" : null;
  if (method === null) return;
  const agents = seen[method];
  // A bounded list: a handful of clients talk to the council.
  if (agents.size < 50) agents.add(request.headers.get("user-agent") ?? "(none)");
}

/** GET /_control/user-agents → `{ GET: [...], POST: [...] }`, each distinct value once. */
export function describeUserAgents() {
  return { GET: [...seen.GET], POST: [...seen.POST] };
}
