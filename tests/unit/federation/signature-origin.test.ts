import { describe, expect, it } from "vitest";
import { isSignedFromActorOrigin } from "../../../lib/federation/signature-origin";

const ACTOR = "https://council.example/users/news";

function headers(signature: string | null, signatureInput: string | null = null): Headers {
  const result = new Headers();
  if (signature !== null) result.set("signature", signature);
  if (signatureInput !== null) result.set("signature-input", signatureInput);
  return result;
}

describe("isSignedFromActorOrigin", () => {
  it.each([
    ["a draft-cavage key on the actor's server", headers(`keyId="${ACTOR}#main-key",signature="x"`), { actor: ACTOR }, true],
    ["an RFC 9421 key on the actor's server", headers(null, `sig1=("@method");keyid="${ACTOR}#ed25519-key"`), { actor: { id: ACTOR } }, true],
    ["a key on another host that claims the actor", headers('keyId="http://127.0.0.1:4000/keys/x",signature="x"'), { actor: ACTOR }, false],
    ["a key on the same host, another port", headers('keyId="https://council.example:8443/users/news#main-key"'), { actor: ACTOR }, false],
    ["a key on another scheme", headers(`keyId="${ACTOR.replace("https", "http")}#main-key"`), { actor: ACTOR }, false],
    ["an RFC 9421 key elsewhere next to a good draft-cavage one", headers(`keyId="${ACTOR}#main-key"`, 'sig1=();keyid="https://evil.example/k"'), { actor: ACTOR }, false],
    ["a keyId that is not a URL", headers('keyId="not a url"'), { actor: ACTOR }, false],
    ["the first of an actor array", headers('keyId="https://evil.example/k"'), { actor: [ACTOR] }, false],
    ["no signature (Fedify answers 401 itself)", headers(null), { actor: ACTOR }, true],
    ["no actor (Fedify refuses it itself)", headers('keyId="https://evil.example/k"'), {}, true],
  ])("%s", (_name, requestHeaders, activity, expected) => {
    expect(isSignedFromActorOrigin(requestHeaders, activity)).toBe(expected);
  });
});
