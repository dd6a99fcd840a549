import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Fedify's packages must not be bundled: a second bundled copy of @fedify/vocab
  // breaks instanceof checks across bundles ("not an actor"). See FEDIFY notes in README.
  serverExternalPackages: [
    "@fedify/fedify",
    "@fedify/vocab",
    "@fedify/vocab-runtime",
    "@fedify/webfinger",
    "@fedify/sqlite",
    "@logtape/logtape",
    "jsonld",
    "sanitize-html",
    "@echogarden/espeak-ng-emscripten",
    "cld3-asm",
    "@breezystack/lamejs",
    "pg",
  ],
  poweredByHeader: false,
};

export default nextConfig;
