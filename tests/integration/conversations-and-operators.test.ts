import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";
import { openEventStream } from "./helpers/sse";

// The conversation rules and the operators' actions over real HTTP: the built app follows
// the demo council, which posts replies and threads; every public channel (the API, the
// feeds, a signage screen's feed, /listen, the reader page) must follow the rules, and
// each admin action must change all of them (the global emergency lists too).
// CRIER_TEST_BACKEND=postgres runs it on PostgreSQL.

let council: Council;
let app: App;

beforeAll(async () => {
  council = await startCouncil();
  // Speech is made ahead (the podcast, checked for hidden posts, lists only spoken ones); slides and pictures when asked for.
  app = await startApp({ certPath: council.certPath, env: { PRERENDER: "speech" } });
  const handle = `@council@${council.host}`;
  expect((await app.api("POST", "/api/admin/subscriptions", { handle })).status).toBeLessThan(300);
  await waitFor(async () => (await (await app.api("GET", "/api/admin/subscriptions")).json()).items.some((item: { state: string }) => item.state === "accepted"), 20_000, () => `never accepted${logs()}`);
});

afterAll(async () => {
  await app?.stop();
  await council?.stop();
});

const logs = () => `\n--- app log ---\n${app.output().slice(-3000)}\n--- council log ---\n${council.output().slice(-1500)}`;
const text = async (path: string) => (await fetch(`${app.url}${path}`)).text();
const json = async (path: string) => (await fetch(`${app.url}${path}`)).json();
const publicIds = async () => (await json("/api/announcements?limit=100")).items.map((item: { id: string }) => item.id) as string[];

/** Every public channel's text at once, to assert a phrase is (or is not) on any of them. */
async function publicChannels(): Promise<string> {
  return (await Promise.all(["/api/announcements?limit=100", "/feed.xml", "/atom.xml", "/podcast.xml", "/api/signage/default/feed.json", "/api/signage/default/playlist.json", "/listen", "/"].map(text))).join("\n");
}

/** Posts as the council and waits until the app has it (under the post's own IRI, or under `rootUri` for a thread part). */
async function post(body: Record<string, unknown>, until: (items: { uri: string; text: string; id: string }[]) => unknown) {
  const created = await council.control("POST", "/actors/council/posts", { language: "en", ...body });
  await waitFor(async () => until((await json("/api/announcements?limit=100")).items), 20_000, () => `the post never arrived as expected${logs()}`);
  return created as { id: string; shortId: string };
}

async function adminItem(id: string) {
  const { items } = await (await app.api("GET", "/api/admin/announcements?limit=100")).json();
  return items.find((item: { announcement: { id: string } }) => item.announcement.id === id);
}

describe("conversation rules", () => {
  it("a reply to another account never reaches a public channel and is listed as a reply in the console", async () => {
    const theirs = await council.control("POST", "/actors/stranger/posts", { content: "Pothole on Mill Lane", deliver: false });
    await council.control("POST", "/actors/council/posts", { content: "Thanks, we have passed this on to highways (reply-phrase-1).", inReplyTo: theirs.id, to: [`${council.origin}/users/stranger`] });
    const item = await waitFor(async () => {
      const { items } = await (await app.api("GET", "/api/admin/announcements?state=reply")).json();
      return items.find((entry: { announcement: { text: string } }) => entry.announcement.text.includes("reply-phrase-1"));
    }, 20_000, () => `the reply was never archived${logs()}`);
    expect(item).toMatchObject({ state: "reply", pinned: false, showUntil: null });
    // A later post arrives; the reply is still nowhere public.
    await post({ content: "Library opens at 10 (after-reply)." }, (items) => items.some((entry) => entry.text.includes("after-reply")));
    expect(await publicChannels()).not.toContain("reply-phrase-1");
    expect((await fetch(`${app.url}/api/announcements/${item.announcement.id}`)).status).toBe(404);
  });

  it("a three-part thread is one announcement with one slide set and one audio file, and an edit of part two changes it", async () => {
    const one = await post({ content: "Flood warning for the river (thread 1/3)." }, (items) => items.some((entry) => entry.text.includes("thread 1/3")));
    const two = await council.control("POST", "/actors/council/posts", { content: "Riverside Road is closed (thread 2/3).", inReplyTo: one.id });
    await post({ content: "Sandbags at the depot (thread 3/3).", inReplyTo: two.id }, (items) => items.some((entry) => entry.uri === one.id && entry.text.includes("thread 3/3")));
    const thread = (await json("/api/announcements?limit=100")).items.filter((entry: { text: string }) => entry.text.includes("thread "));
    expect(thread).toHaveLength(1);
    expect(thread[0].text).toBe("Flood warning for the river (thread 1/3).\n\nRiverside Road is closed (thread 2/3).\n\nSandbags at the depot (thread 3/3).");
    await council.control("PATCH", `/posts/${encodeURIComponent(two.id)}`, { content: "Riverside Road and Mill Lane are closed (thread 2/3)." });
    await waitFor(async () => (await json(`/api/announcements/${thread[0].id}`)).text?.includes("Mill Lane are closed"), 20_000, () => `the edit never reached the thread${logs()}`);
    expect((await json("/api/announcements?limit=100")).items.filter((entry: { text: string }) => entry.text.includes("thread ")).length).toBe(1);
    const slide = await fetch(`${app.url}/api/announcements/${thread[0].id}/slide.png`);
    expect(slide.status).toBe(200);
    expect(slide.headers.get("content-type")).toBe("image/png");
    const playlist = await json("/api/signage/default/playlist.json");
    expect(JSON.stringify(playlist).split(thread[0].id).length - 1).toBeGreaterThanOrEqual(1);
    const audio = await fetch(`${app.url}/api/announcements/${thread[0].id}/audio.mp3`);
    expect(audio.status).toBe(200);
    expect((await audio.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  }, 150_000); // three deliveries, an edit, a slide and an audio file made on request: over a minute on a loaded 2-core machine

  it("mentions in shown posts read as names, never as @handles", async () => {
    // A mention link as Mastodon writes it, and a handle typed without one.
    const link = `<span class="h-card" translate="no"><a href="${council.origin}/@stranger" class="u-url mention">@<span>stranger</span></a></span>`;
    await post({ content: `<p>Thanks to ${link} and @helper@volunteers.example (mention-phrase).</p>` }, (items) => items.some((entry) => entry.text.includes("mention-phrase")));
    const shown = (await json("/api/announcements?limit=100")).items.find((entry: { text: string }) => entry.text.includes("mention-phrase"));
    expect(shown.text).toBe("Thanks to stranger and helper (mention-phrase).");
    expect(shown.html).not.toContain("@");
  });
});

describe("operator actions", () => {
  it("hide removes an announcement from the API, the signage feed and the feeds (logged with its reason); unhide restores it", async () => {
    const target = await post({ content: "Bin collection moved (hide-phrase)." }, (items) => items.some((entry) => entry.text.includes("hide-phrase")));
    const id = (await json("/api/announcements?limit=100")).items.find((entry: { uri: string }) => entry.uri === target.id).id;
    const hidden = await app.api("POST", `/api/admin/announcements/${id}/hide`, { reason: "Wrong week" });
    expect(hidden.status).toBe(200);
    expect(await hidden.json()).toMatchObject({ state: "hidden", hiddenReason: "Wrong week" });
    expect(await publicChannels()).not.toContain("hide-phrase");
    expect((await fetch(`${app.url}/api/announcements/${id}`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/announcements/${id}/slide.png`)).status).toBe(404);
    expect((await app.api("POST", `/api/admin/announcements/${id}/unhide`)).status).toBe(200);
    expect(await publicChannels()).toContain("hide-phrase");
    const { items } = await (await app.api("GET", "/api/admin/audit?limit=5")).json();
    expect(items.slice(0, 2).map(({ who, action, target: subject, reason }: Record<string, string>) => ({ who, action, subject, reason }))).toEqual([
      { who: "api", action: "unhide", subject: id, reason: null },
      { who: "api", action: "hide", subject: id, reason: "Wrong week" },
    ]);
  });

  it("pin puts an older announcement first in the list and the signage rotation; show-until in the past removes it", async () => {
    const ids = await publicIds();
    const oldest = ids.at(-1)!;
    expect((await app.api("POST", `/api/admin/announcements/${oldest}/pin`)).status).toBe(200);
    expect((await publicIds())[0]).toBe(oldest);
    expect((await json("/api/signage/default/feed.json")).items[0].id).toBe(oldest);
    const ended = await app.api("PATCH", `/api/admin/announcements/${oldest}`, { showUntil: "2020-01-01T00:00:00Z" });
    expect(await ended.json()).toMatchObject({ state: "expired", showUntil: "2020-01-01T00:00:00.000Z" });
    expect(await publicIds()).not.toContain(oldest);
    expect((await json("/api/signage/default/feed.json")).items.map((item: { id: string }) => item.id)).not.toContain(oldest);
    expect((await adminItem(oldest)).state).toBe("expired");
    await app.api("PATCH", `/api/admin/announcements/${oldest}`, { showUntil: null });
    expect((await publicIds())[0]).toBe(oldest);
  });

  it("a show-until time that comes announces the end to live screens (SSE) and removes it from the reads", async () => {
    const id = (await publicIds())[1]!;
    const stream = await openEventStream(`${app.url}/api/events`);
    try {
      const at = Date.now() + 2_000;
      expect((await app.api("PATCH", `/api/admin/announcements/${id}`, { showUntil: new Date(at).toISOString() })).status).toBe(200);
      expect(await publicIds()).toContain(id);
      const ended = await waitFor(async () => stream.events.find((event) => event.event === "announcement.deleted" && event.data.id === id), 15_000, () => `no end event${logs()}`);
      expect(ended.receivedAt).toBeGreaterThanOrEqual(at - 50);
      expect(await publicIds()).not.toContain(id);
    } finally {
      stream.close();
    }
    await app.api("PATCH", `/api/admin/announcements/${id}`, { showUntil: null });
  });

  it("a screen with approval holds a new post until an operator approves it; its emergency hashtag does not wait", async () => {
    expect((await app.api("POST", "/api/admin/screens", { name: "lobby", approval: true, emergencyHashtags: ["flood"] })).status).toBe(201);
    const lobbyIds = async () => (await json("/api/signage/lobby/feed.json")).items.map((item: { id: string }) => item.id) as string[];
    const waiting = await post({ content: "Craft fair on Saturday (approval-phrase)." }, (items) => items.some((entry) => entry.text.includes("approval-phrase")));
    await post({ content: "River rising (emergency-phrase).", tags: ["flood"] }, (items) => items.some((entry) => entry.text.includes("emergency-phrase")));
    const all = (await json("/api/announcements?limit=100")).items as { id: string; uri: string; text: string }[];
    const id = all.find((entry) => entry.uri === waiting.id)!.id;
    const emergency = all.find((entry) => entry.text.includes("emergency-phrase"))!.id;
    expect(await lobbyIds()).not.toContain(id);
    expect(await lobbyIds()).toContain(emergency);
    expect(await publicIds()).toContain(id);
    const queue = await (await app.api("GET", "/api/admin/screens/lobby/approvals")).json();
    expect(queue.items.map((item: { announcement: { id: string } }) => item.announcement.id)).toContain(id);
    expect((await app.api("POST", `/api/admin/screens/lobby/approvals/${id}`)).status).toBe(200);
    expect(await lobbyIds()).toContain(id);
    expect((await app.api("DELETE", `/api/admin/screens/lobby/approvals/${id}`)).status).toBe(200);
    expect(await lobbyIds()).not.toContain(id);
  });

  it("turning approval on for a screen keeps what it showed (approved at that moment) and holds only posts arriving since", async () => {
    await post({ content: "Market on the square this Friday (before-approval-phrase)." }, (items) => items.some((entry) => entry.text.includes("before-approval-phrase")));
    expect((await app.api("POST", "/api/admin/screens", { name: "hall" })).status).toBe(201);
    const hallIds = async () => (await json("/api/signage/hall/feed.json")).items.map((item: { id: string }) => item.id) as string[];
    const before = await hallIds();
    expect(before.length).toBeGreaterThan(0);
    expect((await app.api("PUT", "/api/admin/screens/hall", { approval: true })).status).toBe(200);
    expect(await hallIds()).toEqual(before); // nothing went blank
    const audit = (await (await app.api("GET", "/api/admin/audit?limit=5")).json()).items as { action: string; target: string }[];
    expect(audit.some((entry) => entry.action === "approve-shown" && entry.target === "hall")).toBe(true);
    const fresh = await post({ content: "Pool closed for cleaning (since-approval-phrase)." }, (items) => items.some((entry) => entry.text.includes("since-approval-phrase")));
    const freshId = (await json("/api/announcements?limit=100")).items.find((entry: { uri: string }) => entry.uri === fresh.id).id;
    expect(await hallIds()).not.toContain(freshId);
    const queue = (await (await app.api("GET", "/api/admin/screens/hall/approvals")).json()).items.map((item: { announcement: { id: string } }) => item.announcement.id);
    expect(queue).toEqual([freshId]);
    // Declining one that was there before takes it off.
    expect((await app.api("DELETE", `/api/admin/screens/hall/approvals/${before[0]}`)).status).toBe(200);
    expect(await hallIds()).not.toContain(before[0]);
  });

  it("answers 404 for unknown ids and 400 with a sentence for bad values; stores a subscription's boosts setting", async () => {
    expect((await app.api("POST", "/api/admin/announcements/no-such-id/hide")).status).toBe(404);
    expect((await app.api("PATCH", "/api/admin/announcements/no-such-id", { showUntil: null })).status).toBe(404);
    expect((await app.api("POST", "/api/admin/screens/lobby/approvals/no-such-id")).status).toBe(404);
    expect((await app.api("GET", "/api/admin/screens/no-such-screen/approvals")).status).toBe(404);
    const someId = (await publicIds())[0]!;
    for (const [method, path, body] of [
      ["PATCH", `/api/admin/announcements/${someId}`, { showUntil: "tomorrow" }],
      ["POST", `/api/admin/announcements/${someId}/hide`, { reason: 42 }],
      ["GET", "/api/admin/announcements?state=gone", undefined],
    ] as const) {
      const refused = await app.api(method, path, body);
      expect(refused.status).toBe(400);
      expect((await refused.json()).error).toMatch(/\w+ \w+.*\./);
    }
    expect((await fetch(`${app.url}/api/admin/announcements`)).status).toBe(401);
    const [subscription] = (await (await app.api("GET", "/api/admin/subscriptions")).json()).items;
    expect((await app.api("PATCH", `/api/admin/subscriptions/${subscription.id}`, { boosts: "sometimes" })).status).toBe(400);
    expect((await app.api("PATCH", "/api/admin/subscriptions/no-such-id", { boosts: "all" })).status).toBe(404);
    expect(await (await app.api("POST", `/api/admin/subscriptions/${subscription.id}`, { boosts: "trusted" })).json()).toMatchObject({ boosts: "trusted" });
    expect((await (await app.api("GET", "/api/admin/subscriptions")).json()).items[0].boosts).toBe("trusted");
  });
});

describe("boosts", () => {
  /** The council boosts a post of the stranger's (never delivered to the app itself), then posts a marker and waits for it. */
  async function boostThenMark(phrase: string) {
    const theirs = await council.control("POST", "/actors/stranger/posts", { content: `Road gritting tonight (${phrase}).`, deliver: false });
    await council.control("POST", "/actors/council/announce", { object: theirs.id });
    await post({ content: `Marker after ${phrase}.` }, (items) => items.some((entry) => entry.text.includes(`Marker after ${phrase}`)));
    return theirs.id as string;
  }
  const setBoosts = async (boosts: string) => {
    const [subscription] = (await (await app.api("GET", "/api/admin/subscriptions")).json()).items;
    expect((await app.api("PATCH", `/api/admin/subscriptions/${subscription.id}`, { boosts })).status).toBe(200);
  };

  it("are shown only under the matching setting, fetched from the author's own server and shown under the author", async () => {
    await setBoosts("none");
    await boostThenMark("boost-none");
    await setBoosts("trusted");
    await boostThenMark("boost-trusted");
    expect(await publicChannels()).not.toMatch(/gritting tonight \(boost-(none|trusted)\)/);
    await setBoosts("all");
    const uri = await boostThenMark("boost-all");
    const shown = await waitFor(async () => (await json("/api/announcements?limit=100")).items.find((entry: { uri: string }) => entry.uri === uri), 20_000, () => `the boost never arrived${logs()}`);
    expect(shown.account.handle).toBe(`@stranger@${council.host}`);
    expect(shown.text).toBe("Road gritting tonight (boost-all).");
    expect(shown.sharedBy).toEqual({ name: "Demo City Council", handle: `@council@${council.host}` });
    expect(await text(`/announcements/${shown.id}`)).toContain("Shared by Demo City Council");
  });
});

describe("the global emergency lists", () => {
  const handle = () => `@council@${council.host}`;
  /** The priorities of the council's posts in the public API (a fresh read each time, nothing waited for). */
  const priorities = async () => new Set((await json("/api/announcements?limit=100")).items
    .filter((entry: { account: { handle: string } }) => entry.account.handle === handle()).map((entry: { priority: string }) => entry.priority));
  const newestOfCouncil = async () => (await json("/api/announcements?limit=100")).items.find((entry: { account: { handle: string }; pinned?: boolean }) => entry.account.handle === handle() && !entry.pinned).id as string;
  const lastAudit = async () => (await (await app.api("GET", "/api/admin/audit?limit=1")).json()).items[0];

  it("an account added through the admin API makes its stored posts emergencies on the next read, in CAP too; junk and strangers change nothing", async () => {
    expect(await priorities()).toEqual(new Set(["normal"]));
    const id = await newestOfCouncil();
    expect((await fetch(`${app.url}/cap/alerts/${id}.xml`)).status).toBe(404);
    const url = `${app.url}/api/admin/emergencies`;
    expect((await fetch(url)).status).toBe(401);
    for (const authorization of [undefined, "Bearer wrong-token", `Basic ${app.token}`]) {
      const refused = await fetch(url, { method: "PUT", headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) }, body: JSON.stringify({ accounts: [handle()] }) });
      expect(refused.status).toBe(401);
    }
    for (const [body, message] of [
      [{ accounts: ["not a handle"] }, '"not a handle" is not an account handle: write it as @name@server, like @alerts@council.example.'],
      [{ accounts: [handle(), "https://council.example/@alerts"] }, "is not an account handle"],
      [{ accounts: handle() }, "accounts must be a list, like"],
      [{ hashtags: ["bin day"] }, '"bin day" is not a hashtag'],
      [{ screens: [] }, "Send JSON like"],
    ] as const) {
      const refused = await app.api("PUT", "/api/admin/emergencies", body);
      expect(refused.status).toBe(400);
      expect((await refused.json()).error).toContain(message);
    }
    expect((await fetch(url, { method: "PUT", headers: { authorization: `Bearer ${app.token}` }, body: "{nope" })).status).toBe(400);
    expect(await (await app.api("GET", "/api/admin/emergencies")).json()).toEqual({ accounts: [], hashtags: [], settings: { accounts: [], hashtags: [] }, effective: { accounts: [], hashtags: [] } });
    expect(await priorities()).toEqual(new Set(["normal"]));

    const changed = await app.api("PUT", "/api/admin/emergencies", { accounts: [handle().toUpperCase()] });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ accounts: [handle()], hashtags: [], effective: { accounts: [handle()] } });
    expect(await priorities()).toEqual(new Set(["emergency"]));
    expect((await json("/api/signage/default/feed.json")).items[0]).toMatchObject({ priority: "emergency", account: { handle: handle() } });
    expect(await text(`/cap/alerts/${id}.xml`)).toContain("<msgType>Alert</msgType>");
    expect(await lastAudit()).toMatchObject({ who: "api", action: "emergency-account-added", target: handle() });
  });

  it("the console's forms refuse posts without a session, a CSRF token or this site's origin; its remove button puts the posts back to normal", async () => {
    const signIn = await fetch(`${app.url}/admin/session`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ token: app.token }) });
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    let location = "/admin";
    const page = async () => (await (await fetch(`${app.url}${location}`, { headers: { cookie } })).text()).replaceAll("&quot;", '"');
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page())![1]!;
    expect(await page()).toContain(`Remove ${handle()}`);
    const submit = async (path: string, fields: Record<string, string>, headers: Record<string, string> = { cookie }) => {
      const response = await fetch(`${app.url}${path}`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(fields) });
      location = response.headers.get("location")!;
      const params = new URL(location, app.url).searchParams;
      return params.get("notice") ?? params.get("error");
    };
    const remove = { kind: "account", value: handle() };
    expect(await submit("/admin/emergencies/remove", remove)).toBe("form-refused");
    expect(await submit("/admin/emergencies/remove", { ...remove, csrf: "wrong" })).toBe("form-refused");
    expect(await submit("/admin/emergencies/remove", { ...remove, csrf }, {})).toBe("form-refused");
    expect(await submit("/admin/emergencies/remove", { ...remove, csrf }, { cookie, origin: "https://attacker.example" })).toBe("form-refused");
    expect(await submit("/admin/emergencies", { csrf: "wrong", kind: "hashtag", value: "flood" })).toBe("form-refused");
    expect(await priorities()).toEqual(new Set(["emergency"]));
    expect((await (await app.api("GET", "/api/admin/emergencies")).json()).hashtags).toEqual([]);
    // Junk gets the sentence on the operator's next page, and nothing is stored.
    expect(await submit("/admin/emergencies", { csrf, kind: "hashtag", value: "bin day" })).toBe("action-failed");
    expect(await page()).toContain('"bin day" is not a hashtag');
    expect(await submit("/admin/emergencies", { csrf, kind: "account", value: handle() })).toBe("action-failed");
    expect(await page()).toContain(`${handle()} is on the list already.`);

    const id = await newestOfCouncil();
    expect(await submit("/admin/emergencies/remove", { ...remove, csrf })).toBe("emergency-removed");
    expect(await priorities()).toEqual(new Set(["normal"]));
    expect(await text(`/cap/alerts/${id}.xml`)).toContain("<msgType>Cancel</msgType>");
    expect(await lastAudit()).toMatchObject({ who: expect.stringMatching(/^console [\w-]{8}$/), action: "emergency-account-removed", target: handle() });
    expect(await submit("/admin/emergencies", { csrf, kind: "hashtag", value: "#Flood" })).toBe("emergency-added");
    expect((await (await app.api("GET", "/api/admin/emergencies")).json()).hashtags).toEqual(["flood"]);
    expect(await lastAudit()).toMatchObject({ action: "emergency-hashtag-added", target: "#flood" });
  });
});
