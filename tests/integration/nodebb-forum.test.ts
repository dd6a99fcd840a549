import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// Payloads in NodeBB's shapes (v4), sent by the demo council's shapes/ control route
// exactly as NodeBB builds them: its @context names no Hashtag, a Delete carries the
// whole post with empty content, a moderator deletes another member's post, and an
// Undo(Announce) may name a post by number.

let council: Council;
let app: App;

async function sendShape(actor: string, shape: string, input: Record<string, unknown> = {}) {
  const sent = await council.control("POST", `/actors/${actor}/shapes/${shape}`, { inbox: `${app.url}/ap/inbox`, ...input });
  expect(sent.status).toBe(202);
  return sent.activity;
}

async function findAnnouncement(uri: string) {
  const { items } = await (await app.api("GET", "/api/announcements?limit=50")).json();
  return (items as { uri: string }[]).find((item) => item.uri === uri) ?? null;
}

beforeAll(async () => {
  council = await startCouncil();
  app = await startApp({ certPath: council.certPath });
  for (const name of ["council", "noticeboard"]) {
    await app.api("POST", "/api/admin/subscriptions", { handle: `@${name}@${council.host}` });
  }
  await waitFor(async () => {
    const { items } = await (await app.api("GET", "/api/admin/subscriptions")).json();
    return items.length === 2 && items.every((item: { state: string }) => item.state === "accepted");
  }, 20_000, () => `the follows were never accepted\n${app.output().slice(-3000)}`);
});

afterAll(async () => {
  await app?.stop();
  await council?.stop();
});

describe("NodeBB-shaped payloads", () => {
  it("keeps a post whose @context defines no Hashtag, tags included, and removes it on a Delete carrying the emptied post", async () => {
    const create = await sendShape("council", "nodebb-create", { name: "Library hours", content: "The library opens at 9 on Saturday.", tags: ["library"] });
    const kept = await waitFor(() => findAnnouncement(create.object.id), 10_000, () => `the post never arrived\n${app.output().slice(-3000)}`) as any;
    expect(kept.tags).toEqual(["library"]);
    expect(kept.text).toContain("The library opens at 9 on Saturday.");

    await sendShape("council", "delete-full-object", { object: create.object.id });
    await waitFor(async () => (await findAnnouncement(create.object.id)) === null, 10_000, () => `the Delete did not remove it\n${app.output().slice(-3000)}`);
    expect((await app.api("GET", `/api/announcements/${kept.id}`)).status).toBe(404);
  });

  it("ignores a moderator's Delete of another account's post, signed with the moderator's key", async () => {
    const post = await council.control("POST", "/actors/council/posts", { content: "Swimming pool closed for cleaning on Monday.", language: "en" });
    await waitFor(() => findAnnouncement(post.id), 10_000, () => "the post never arrived");
    await sendShape("noticeboard", "moderator-delete", { object: post.id });
    await waitFor(async () => app.output().includes(`Ignored a Delete of '${post.id}'`), 10_000, () => `the Delete was not handled\n${app.output().slice(-3000)}`);
    expect(await findAnnouncement(post.id)).not.toBeNull();
  });

  it("archives a member's reply that the category relays: never shown, listed in the console as a reply", async () => {
    const topic = await council.control("POST", "/actors/council/posts", { content: "The library opens at 9 on Saturday.", language: "en" });
    await waitFor(() => findAnnouncement(topic.id), 10_000, () => "the topic never arrived");
    const relayed = await sendShape("noticeboard", "relayed-reply", { author: "stranger", object: topic.id, name: "Library hours", content: "@council Will the café be open too?" });
    const replyUri = relayed.object.object.id;
    const archived = await waitFor(async () => {
      const { items } = await (await app.api("GET", "/api/admin/announcements?state=reply&limit=50")).json();
      return (items as { announcement: { uri: string } }[]).find((item) => item.announcement.uri === replyUri) ?? null;
    }, 10_000, () => `the relayed reply was never archived\n${app.output().slice(-3000)}`);
    expect(archived).toMatchObject({ state: "reply" });
    expect(await findAnnouncement(replyUri)).toBeNull();
    expect(await (await fetch(`${app.url}/feed.xml`)).text()).not.toContain("Will the café be open too?");
  });

  it("logs an Undo(Announce) whose object is a number as malformed, and answers it", async () => {
    await sendShape("noticeboard", "undo-announce-numeric");
    await waitFor(async () => /malformed Undo: the undone Announce's object is the number 4711/.test(app.output()), 10_000, () => `nothing said it was malformed\n${app.output().slice(-3000)}`);
  });

  it("a post deleted while it is being spoken is a normal race: logged at info, no error", async () => {
    // Long enough that speaking it takes far longer than the Delete takes to arrive.
    const sentence = "The recycling centre on Quarry Lane will close early on Friday for resurfacing of the car park, and will reopen on Saturday at eight. ";
    const create = await sendShape("council", "nodebb-create", { name: "Recycling centre", content: sentence.repeat(4) });
    await waitFor(() => findAnnouncement(create.object.id), 10_000, () => "the post never arrived");
    await sendShape("council", "delete-full-object", { object: create.object.id });
    await waitFor(async () => /was gone before it was spoken/.test(app.output()), 30_000, () => `the speech worker never noticed\n${app.output().slice(-3000)}`);
    expect(app.output()).not.toMatch(/ERR crier·speech|deleted meanwhile|Making audio of .* failed/);
  });
});
