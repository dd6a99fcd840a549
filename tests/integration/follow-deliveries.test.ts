import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// What happens to Crier's Follow and Undo(Follow) on the way to the council's inbox:
// a refused Follow says why and ends in `error`; an older Undo retried late never
// cancels a newer Follow (the council, like Mastodon and WordPress, matches an Undo by
// the account pair); and a follow the server has lost is noticed. Retries are short
// here (DELIVERY_RETRIES, DELIVERY_RETRY_DELAY_MS) and the follow check frequent.

let council: Council;
let app: App;
const RETRY_DELAY_MS = 1_000;

async function getSubscription() {
  const { items } = await (await app.api("GET", "/api/admin/subscriptions")).json();
  return items[0];
}

async function follow() {
  return (await app.api("POST", "/api/admin/subscriptions", { handle: `@council@${council.host}` })).json();
}

async function waitForState(state: string, what: string, timeoutMs = 20_000) {
  let last: unknown;
  return waitFor(async () => {
    last = await getSubscription();
    return (last as { state?: string })?.state === state && (last as any);
  }, timeoutMs, () => `${what}\n${JSON.stringify(last)}\n${app.output().slice(-3000)}`);
}

async function crierIsFollower() {
  const { items } = await council.control("GET", "/actors/council/followers");
  return items.includes(`${app.url}/ap/actors/crier`);
}

/** A refused Follow: pending with the server's answer, then error once the retries are spent. */
async function expectRefusedThenError() {
  expect((await follow()).state).toBe("pending");
  const refused = await waitFor(async () => {
    const subscription = await getSubscription();
    return subscription.reason && subscription;
  }, 15_000, () => `no reason came\n${app.output().slice(-3000)}`);
  expect(refused.state).toBe("pending");
  expect(refused.reason).toMatch(/the server refused the request: 401/);
  const failed = await waitForState("error", "the follow never ended in error");
  expect(failed.reason).toMatch(/could not be delivered in 3 attempts: the server refused the request: 401/);
}

beforeAll(async () => {
  council = await startCouncil();
  app = await startApp({
    certPath: council.certPath,
    env: { DELIVERY_RETRIES: "2", DELIVERY_RETRY_DELAY_MS: String(RETRY_DELAY_MS), FOLLOW_CHECK_INTERVAL_MS: "1000" },
  });
});

afterAll(async () => {
  await app?.stop();
  await council?.stop();
});

describe("follow deliveries", () => {
  it("shows pending with the server's answer after a refused Follow, then error once the retries are spent", async () => {
    await council.control("POST", "/faults", { mode: "refuse-inbox" });
    try {
      await expectRefusedThenError();
    } finally {
      await council.control("POST", "/faults", { mode: "none" });
    }
  });

  it("ends in error at once when the inbox answers 404: no retry will help", async () => {
    const { id } = await getSubscription();
    expect((await app.api("DELETE", `/api/admin/subscriptions/${id}`)).status).toBe(204);
    await council.control("POST", "/faults", { mode: "refuse-inbox", status: 404 });
    try {
      expect((await follow()).state).toBe("pending");
      // "Refused for good" comes from Fedify's permanent-failure handler: it will not retry.
      const failed = await waitForState("error", "the follow to a gone inbox never ended in error");
      expect(failed.reason).toMatch(/refused for good: the server refused the request: 404 Refused with 404/);
    } finally {
      await council.control("POST", "/faults", { mode: "none" });
    }
  });

  it("follows again after an error, and an Undo retried after a newer Follow is dropped: Crier stays a follower", async () => {
    expect((await follow()).state).toBe("pending");
    await waitForState("accepted", "the second follow was never accepted");
    expect(await crierIsFollower()).toBe(true);

    // The Undo is refused once, so it waits in the retry queue while Crier follows again.
    const { faultedRequests } = await council.control("POST", "/faults", { mode: "refuse-inbox" });
    const { id } = await getSubscription();
    expect((await app.api("DELETE", `/api/admin/subscriptions/${id}`)).status).toBe(204);
    await waitFor(async () => (await council.control("GET", "/faults")).faultedRequests > faultedRequests, 10_000, () => "the Undo never reached the council");
    await council.control("POST", "/faults", { mode: "none" });
    const started = Date.now();
    expect((await follow()).state).toBe("pending");
    await waitForState("accepted", "the follow after the unfollow was never accepted");
    expect(Date.now() - started).toBeLessThan(RETRY_DELAY_MS * 10);

    // The old Undo's fate: dropped by Crier, or delivered and obeyed by the council.
    const isSettled = () => app.output().includes("Dropped an outdated Undo(Follow)") || council.output().includes("no longer follows council");
    await waitFor(async () => isSettled(), 15_000, () => `the old Undo was never retried\n${app.output().slice(-3000)}`);
    expect(await crierIsFollower()).toBe(true);
    const post = await council.control("POST", "/actors/council/posts", { content: "Library open late on Thursday.", language: "en" });
    await waitFor(async () => {
      const { items } = await (await app.api("GET", "/api/announcements?limit=5")).json();
      return items.some((item: { uri: string }) => item.uri === post.id);
    }, 10_000, () => `the later post never arrived\n${app.output().slice(-3000)}`);
  });

  it("notices when the council no longer lists Crier among its followers, and following again works", async () => {
    expect((await getSubscription()).state).toBe("accepted");
    await council.control("POST", "/reset");
    const lost = await waitForState("error", "the lost follow was never noticed");
    expect(lost.reason).toMatch(/no longer lists Crier among its followers.*Follow it again/);
    expect((await follow()).state).toBe("pending");
    await waitForState("accepted", "following again was never accepted");
    expect(await crierIsFollower()).toBe(true);
  });
});
