import { cookies, headers } from "next/headers";
import { getEnv } from "../env";
import { buildReaderContext, type ReaderContext } from "./reader-context";

export type { ReaderContext } from "./reader-context";

/** The reader context of this App Router request (admin and listen pages share the reader's settings). */
export async function getReaderContext(): Promise<ReaderContext> {
  const jar = await cookies();
  return buildReaderContext((name) => jar.get(name)?.value, (await headers()).get("accept-language"), getEnv().timeZone);
}
