import { getEnv } from "@/lib/env";
import { readSettingsForm, safeReturnPath } from "@/lib/reader/settings";

const ONE_YEAR = 60 * 60 * 24 * 365;

// A plain form POST (works without JavaScript): set the cookies, then 303 back.
export async function POST(request: Request) {
  const form = await request.formData().catch(() => new FormData());
  const back = safeReturnPath(form.get("back"), getEnv().publicUrl);
  const headers = new Headers({ location: back, "cache-control": "no-store" });
  for (const { name, value } of readSettingsForm(form)) {
    const age = value === "" ? 0 : ONE_YEAR;
    headers.append("set-cookie", `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${age}; SameSite=Lax`);
  }
  return new Response(null, { status: 303, headers });
}
