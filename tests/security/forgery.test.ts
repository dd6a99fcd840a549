import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCouncilKey } from "../integration/helpers/forged-requests";
import { startApp, startCouncil, waitFor, type App, type Council } from "../integration/helpers/processes";
import { followAndWait } from "../reliability/helpers/instances";
import { waitForQueueDrained } from "../reliability/helpers/signed-activities";
import { signedPost, startAttacker, unsignedPost, withProof, type Attacker } from "./helpers/attacker";
import { findOnChannels } from "./helpers/channels";

// An attacker on the internet tries to speak in the council's name, against the
// built app following the demo council over real HTTP. Every forgery must be
// refused and leave no trace on any channel; the council's real post and the
// subscription must survive; the council's own signed deliveries must still arrive.

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

let council: Council;
let app: App;
let attacker: Attacker;
let councilActor: string;
let councilKey: CryptoKey;
let strangerKey: CryptoKey;
let realPost: string;
let inbox: string;
const markers: string[] = [];

function marker(label: string): string {
  const value = `forged-${label}-${markers.length}-${Date.now()}`;
  markers.push(value);
  return value;
}

function create(text: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  const id = `${council.origin}/users/council/statuses/${text}`;
  return {
    "@context": "https://www.w3.org/ns/activitystreams",
    id: `${id}/activity`, type: "Create", actor: councilActor, to: [PUBLIC],
    object: { id, type: "Note", attributedTo: councilActor, content: `<p>EMERGENCY: evacuate now. ${text}</p>`, published: new Date().toISOString(), to: [PUBLIC] },
    ...fields,
  };
}

async function send(request: Request | Promise<Request>): Promise<number> {
  const response = await fetch(await request);
  await response.body?.cancel();
  return response.status;
}

async function subscriptionState(handle: string): Promise<string | undefined> {
  const { items } = await (await app.api("GET", "/api/admin/subscriptions")).json();
  return items.find((item: { handle: string }) => item.handle === handle)?.state;
}

async function isStored(uri: string): Promise<boolean> {
  const { items } = await (await fetch(`${app.url}/api/announcements?limit=100`)).json();
  return items.some((item: { uri: string }) => item.uri === uri);
}

beforeAll(async () => {
  council = await startCouncil();
  app = await startApp({ certPath: council.certPath });
  inbox = `${app.url}/ap/inbox`;
  councilActor = `${council.origin}/users/council`;
  councilKey = await readCouncilKey(council.dataDir, "council");
  strangerKey = await readCouncilKey(council.dataDir, "stranger");
  attacker = await startAttacker(councilActor);
  await followAndWait(app.url, app.token, `@council@${council.host}`);
  await followAndWait(app.url, app.token, `@noticeboard@${council.host}`);
  realPost = (await council.control("POST", "/actors/council/posts", { content: "The library opens at nine." })).id;
  await waitFor(() => isStored(realPost), 15_000, () => `the real post did not arrive:\n${app.output().slice(-2000)}`);
});

afterAll(async () => {
  await app?.stop();
  await council?.stop();
  await attacker?.close();
});

describe("Object Integrity Proofs without an HTTP signature, keyed on the attacker's server", () => {
  const proofOnly = async (activity: Record<string, unknown>) => send(unsignedPost(inbox, await withProof(activity, attacker.ed25519Key, attacker.controllerKeyId)));

  it("refuses a proof-only Create", async () => {
    expect(await proofOnly(create(marker("proof-create")))).toBe(401);
  });

  it("refuses a proof-only Update of the council's real post", async () => {
    const update = { "@context": "https://www.w3.org/ns/activitystreams", id: `${realPost}#updates/forged`, type: "Update", actor: councilActor, to: [PUBLIC],
      object: { id: realPost, type: "Note", attributedTo: councilActor, content: `<p>${marker("proof-update")}</p>`, published: new Date().toISOString(), updated: new Date().toISOString(), to: [PUBLIC] } };
    expect(await proofOnly(update)).toBe(401);
  });

  it("refuses a proof-only Delete of the real post and of the council's account", async () => {
    const deletePost = { "@context": "https://www.w3.org/ns/activitystreams", id: `${realPost}#delete-forged`, type: "Delete", actor: councilActor, to: [PUBLIC], object: { id: realPost, type: "Tombstone" } };
    const deleteAccount = { "@context": "https://www.w3.org/ns/activitystreams", id: `${councilActor}#delete-forged`, type: "Delete", actor: councilActor, to: [PUBLIC], object: councilActor };
    expect(await proofOnly(deletePost)).toBe(401);
    expect(await proofOnly(deleteAccount)).toBe(401);
  });
});

describe("HTTP signatures by keys the council's actor does not list", () => {
  it("refuses a key on another origin that claims the council as owner, without ever fetching it", async () => {
    const before = attacker.hits();
    expect(await send(signedPost(inbox, JSON.stringify(create(marker("owner-claim"))), attacker.rsaKey, attacker.ownerKeyId))).toBe(401);
    expect(await send(signedPost(inbox, JSON.stringify(create(marker("owner-claim-9421"))), attacker.rsaKey, attacker.ownerKeyId, "rfc9421"))).toBe(401);
    expect(attacker.hits() - before, "the attacker's key document was fetched").toBe(0);
  });

  it("refuses a key on another origin without an owner claim", async () => {
    expect(await send(signedPost(inbox, JSON.stringify(create(marker("plain-key"))), attacker.rsaKey, attacker.plainKeyId))).toBe(401);
  });

  it("refuses a key on the council's own server that its actor does not list (another account's)", async () => {
    const strangerKeyId = new URL(`${council.origin}/users/stranger#main-key`);
    expect(await send(signedPost(inbox, JSON.stringify(create(marker("same-server-key"))), strangerKey, strangerKeyId))).toBe(401);
  });

  it("refuses a body that renames a term in an inline @context, whoever signs it", async () => {
    const aliased = create(marker("alias"));
    delete aliased.actor;
    const body = { ...aliased, "@context": ["https://www.w3.org/ns/activitystreams", { sender: { "@id": "as:actor", "@type": "@id" } }], sender: councilActor };
    expect(await send(signedPost(inbox, JSON.stringify(body), attacker.rsaKey, attacker.ownerKeyId))).toBe(400);
    expect(await send(signedPost(inbox, JSON.stringify(body), councilKey, new URL(`${councilActor}#main-key`)))).toBe(400);
  });

  it("reads the actor as a JSON-LD processor does: a full IRI or an array cannot hide it", async () => {
    const fullIri = create(marker("full-iri"));
    delete fullIri.actor;
    fullIri["https://www.w3.org/ns/activitystreams#actor"] = { "@id": councilActor };
    expect(await send(signedPost(inbox, JSON.stringify(fullIri), attacker.rsaKey, attacker.ownerKeyId))).toBe(401);
    const twoActors = create(marker("two-actors"), { actor: [councilActor, `${attacker.origin}/users/me`] });
    expect(await send(signedPost(inbox, JSON.stringify(twoActors), councilKey, new URL(`${councilActor}#main-key`)))).toBe(401);
    const strangerFirst = create(marker("other-first"), { actor: [`${attacker.origin}/users/me`, councilActor] });
    expect(await send(signedPost(inbox, JSON.stringify(strangerFirst), attacker.rsaKey, attacker.ownerKeyId))).toBe(401);
  });

  it("refuses the council's valid HTTP signature when a proof on the activity is by a key on another origin", async () => {
    const body = await withProof(create(marker("mixed-proof")), attacker.ed25519Key, attacker.controllerKeyId);
    expect(await send(signedPost(inbox, body, councilKey, new URL(`${councilActor}#main-key`)))).toBe(401);
  });
});

describe("a followed Group relaying a Delete of another account's post", () => {
  it("does not remove a post its own server still serves", async () => {
    const relayed = {
      "@context": "https://www.w3.org/ns/activitystreams", id: `${council.origin}/users/noticeboard#relay-${Date.now()}`, type: "Announce",
      actor: `${council.origin}/users/noticeboard`, to: [PUBLIC],
      object: { id: `${realPost}#delete-relayed`, type: "Delete", actor: councilActor, object: realPost, to: [PUBLIC] },
    };
    const answer = await council.control("POST", "/actors/noticeboard/send", { inbox, activity: relayed });
    expect(answer.status).toBe(202);
    await waitForQueueDrained(app, 15_000);
    expect(await isStored(realPost)).toBe(true);
  });
});

describe("a Delete signed by someone else on the post's own server (NodeBB's moderators)", () => {
  const forgedDelete = (postUri: string) => ({
    "@context": "https://www.w3.org/ns/activitystreams", id: `${postUri}#moderated-${Date.now()}`, type: "Delete", actor: councilActor, to: [PUBLIC], object: postUri,
  });

  it("is refused, and the post is removed only once its own server says it is gone", async () => {
    const { id: removed, shortId } = await council.control("POST", "/actors/council/posts", { content: "Removed by a moderator." });
    await waitFor(() => isStored(removed), 15_000, () => "the post to be moderated did not arrive");
    await council.control("DELETE", `/posts/${shortId}`, { deliver: false });
    const answer = await council.control("POST", "/actors/stranger/send", { inbox, activity: forgedDelete(removed) });
    expect(answer.status).toBe(401);
    await waitFor(async () => !(await isStored(removed)), 10_000, () => `the post gone from its server stayed:\n${app.output().slice(-2000)}`);
  });

  it("leaves a post its own server still serves", async () => {
    const answer = await council.control("POST", "/actors/stranger/send", { inbox, activity: forgedDelete(realPost) });
    expect(answer.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await isStored(realPost)).toBe(true);
  });
});

describe("the council's own deliveries", () => {
  it.each([["draft-cavage", "draft-cavage-http-signatures-12"], ["RFC 9421", "rfc9421"]] as const)("arrive signed with %s", async (_label, spec) => {
    const text = `genuine-${spec}-${Date.now()}`;
    const activity = create(text);
    expect(await send(signedPost(inbox, JSON.stringify(activity), councilKey, new URL(`${councilActor}#main-key`), spec))).toBe(202);
    const uri = (activity.object as { id: string }).id;
    await waitFor(() => isStored(uri), 15_000, () => `the ${spec} delivery was not stored:\n${app.output().slice(-2000)}`);
  });
});

describe("after every forgery", () => {
  it("shows none of them on any channel, and the real post and both subscriptions survive", async () => {
    await waitForQueueDrained(app, 15_000);
    const found = await findOnChannels(app.url, markers);
    expect(found, "forged text shown").toEqual([]);
    expect(await isStored(realPost)).toBe(true);
    expect(await subscriptionState(`@council@${council.host}`)).toBe("accepted");
    expect(await subscriptionState(`@noticeboard@${council.host}`)).toBe("accepted");
  });
});
