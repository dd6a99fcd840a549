import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertActivity } from "../../lib/announcements/from-activity-streams";
import { followAndWait } from "../reliability/helpers/instances";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// The inbox reads what the sender signed, not Fedify's re-serialisation of it: with
// NodeBB's @context (which defines no Hashtag) a re-serialised Create lost its tags, so
// one post had different tags delivered and backfilled. Delivered over real HTTP,
// signed by the council, the stored announcement must equal what backfill's conversion
// of the same JSON gives.

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/activitypub/nodebb-create-note-hashtags.json");

let council: Council;
let app: App;

beforeAll(async () => {
  council = await startCouncil();
  app = await startApp({ certPath: council.certPath });
  await followAndWait(app.url, app.token, `@council@${council.host}`);
});

afterAll(async () => {
  await app?.stop();
  await council?.stop();
});

/** The fixture, moved onto the council's server as one of its posts. */
function nodebbCreateByCouncil(): Record<string, unknown> {
  const actor = `${council.origin}/users/council`;
  const text = readFileSync(FIXTURE, "utf8")
    .replaceAll("https://forum.example/uid/1", actor)
    .replaceAll("https://forum.example/post/7", `${actor}/statuses/nodebb-${Date.now()}`)
    .replaceAll("https://forum.example", council.origin);
  return JSON.parse(text);
}

describe("a delivered activity is read from the body its sender signed", () => {
  it("keeps NodeBB's hashtags, and equals backfill's conversion of the same JSON", async () => {
    const activity = nodebbCreateByCouncil();
    const objectUri = (activity.object as { id: string }).id;
    const answer = await council.control("POST", "/actors/council/send", { inbox: `${app.url}/ap/inbox`, activity });
    expect(answer.status).toBe(202);
    const stored = await waitFor(async () => {
      const { items } = await (await fetch(`${app.url}/api/announcements?limit=50`)).json();
      return items.find((item: { uri: string }) => item.uri === objectUri);
    }, 15_000, () => `the NodeBB-shaped post was not stored:\n${app.output().slice(-2000)}`);
    const backfilled = convertActivity(activity);
    if (backfilled.kind !== "object") throw new Error(`the fixture did not convert: ${JSON.stringify(backfilled)}`);
    expect(stored.tags).toEqual(["library", "holidays"]);
    expect(stored.tags).toEqual(backfilled.draft.tags);
    expect(stored.text).toBe(backfilled.draft.text);
    expect(stored.html).toBe(backfilled.draft.html);
    expect(stored.published).toBe(backfilled.draft.published);
    expect(stored.url).toBe(backfilled.draft.url);
  });
});
