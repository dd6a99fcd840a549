import { etagOf } from "../http/responses";

/**
 * A feed document with a strong ETag: a reader or podcast app polling an unchanged
 * feed gets `304` and no body (the list behind it comes from the read API's cache).
 */
export function respondWithEtag(request: Request, body: string, headers: Record<string, string>): Response {
  const etag = etagOf(body);
  const ifNoneMatch = request.headers.get("if-none-match");
  if (ifNoneMatch && ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
    return new Response(null, { status: 304, headers: { ...headers, etag } });
  }
  return new Response(body, { headers: { ...headers, etag } });
}
