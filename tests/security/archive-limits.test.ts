import { afterAll, beforeAll, expect, it } from "vitest";
import { startApp, startCouncil, waitFor, type App, type Council } from "../integration/helpers/processes";
import { followAndWait } from "../reliability/helpers/instances";

// A followed account (or whoever holds its keys) can edit without end; every edit is a
// version in the archive. Real edits from the demo council over ActivityPub, against the
// built app with small bounds: 3 versions per post, 4 edits per account per hour. The
// store-level contract (tests/unit/store/archive-limits-contract.ts) covers the details
// on SQLite and PostgreSQL; this is the same through the whole path.

let council: Council;
let app: App;

async function getByUri(uri: string): Promise<any> {
  const { items } = await (await fetch(`${app.url}/api/announcements?limit=100`)).json();
  return items.find((item: any) => item.uri === uri);
}

async function waitForText(uri: string, text: string) {
  return waitFor(async () => (await getByUri(uri))?.text.includes(text) && getByUri(uri), 20_000, () => `${uri} never showed "${text}"\n${app.output().slice(-3000)}`);
}

async function edit(uri: string, text: string) {
  // The council names an Update by its second, and an activity id is handled once: one edit a second.
  await new Promise((resolve) => setTimeout(resolve, 1_100));
  await council.control("PATCH", `/posts/${encodeURIComponent(uri)}`, { content: `<p>${text}</p>` });
}

beforeAll(async () => {
  council = await startCouncil();
  app = await startApp({ certPath: council.certPath, env: { ARCHIVE_MAX_VERSIONS: "3", ACCOUNT_UPDATES_PER_HOUR: "4" } });
  await followAndWait(app.url, app.token, `@council@${council.host}`);
});

afterAll(async () => {
  await app?.stop();
  await council?.stop();
});

it("keeps the newest versions of a post and refuses an account's edits past its hourly allowance, while new posts and deletes still arrive", async () => {
  const first = await council.control("POST", "/actors/council/posts", { content: "<p>Road works on Quay Street: version 0.</p>", language: "en" });
  const { id } = await waitForText(first.id, "version 0");
  for (let version = 1; version <= 3; version++) {
    await edit(first.id, `Road works on Quay Street: version ${version}.`);
    await waitForText(first.id, `version ${version}`);
  }
  const versions = await (await app.api("GET", `/api/admin/announcements/${id}/versions`)).json();
  expect(versions.items.map((item: any) => [item.version, item.event, item.announcement.text])).toEqual([
    [2, "updated", "Road works on Quay Street: version 1."],
    [3, "updated", "Road works on Quay Street: version 2."],
    [4, "updated", "Road works on Quay Street: version 3."],
  ]);

  // A second post: creates are not edits. Its first edit is the account's fourth, the last allowed.
  const second = await council.control("POST", "/actors/council/posts", { content: "<p>Library hours: draft.</p>", language: "en" });
  await waitForText(second.id, "draft");
  await edit(second.id, "Library hours: final.");
  await waitForText(second.id, "final");

  // Past the allowance, on either post: skipped, logged, and nothing changes.
  await edit(first.id, "Road works on Quay Street: forged after the limit.");
  await edit(second.id, "Library hours: forged after the limit.");
  const marker = await council.control("POST", "/actors/council/posts", { content: "<p>Marker: after the refused edits.</p>", language: "en" });
  await waitForText(marker.id, "Marker");
  await waitFor(async () => (app.output().match(/Skipped an edit of/g) ?? []).length >= 2, 20_000, () => `no skipped edits logged\n${app.output().slice(-3000)}`);
  expect((await getByUri(first.id)).text).toBe("Road works on Quay Street: version 3.");
  expect((await getByUri(second.id)).text).toBe("Library hours: final.");
  const after = await (await app.api("GET", `/api/admin/announcements/${id}/versions`)).json();
  expect(after.items.map((item: any) => item.version)).toEqual([2, 3, 4]);

  // A delete is never refused, and goes into the bounded archive as well.
  await council.control("DELETE", `/posts/${encodeURIComponent(first.id)}`);
  await waitFor(async () => !(await getByUri(first.id)), 20_000, () => "the delete never arrived");
  const deleted = await (await app.api("GET", `/api/admin/announcements/${id}/versions`)).json();
  expect(deleted.items.map((item: any) => [item.version, item.event])).toEqual([[3, "updated"], [4, "updated"], [5, "deleted"]]);
}, 180_000);
