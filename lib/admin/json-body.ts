import { HttpError } from "../http/responses";

/** Reads a request's JSON body; an empty body is {} when `isOptional`; anything else unreadable is a 400 naming an example. */
export async function readJsonBody(request: Request, example: string, isOptional = false): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "" && isOptional) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, `The body must be JSON like ${example}.`);
  }
}
