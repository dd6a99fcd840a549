import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, startCouncil, waitFor, type App, type Council } from "./helpers/processes";

// A locked account (the council in manual-accept mode) answers later, or refuses.

let council: Council;
let app: App;

async function getSubscription() {
  const { items } = await (await app.api("GET", "/api/admin/subscriptions")).json();
  return items[0];
}

async function answerPendingFollow(answer: "accept" | "reject") {
  const state = await council.control("GET", "/state");
  const pending = state.pending.find((item: any) => item.actor === "council");
  await council.control("POST", `/actors/council/follows/${pending.pendingId}/${answer}`);
}

beforeAll(async () => {
  council = await startCouncil({ accept: "manual" });
  app = await startApp({ certPath: council.certPath });
});

afterAll(async () => {
  await app?.stop();
  await council?.stop();
});

describe("follow requests to a locked account", () => {
  it("stays pending, becomes rejected with a reason, and can be retried until accepted (by actor URL)", async () => {
    const created = await (await app.api("POST", "/api/admin/subscriptions", { handle: `${council.origin}/users/council` })).json();
    expect(created.state).toBe("pending");
    expect(created.handle).toBe(`@council@${council.host}`);
    await waitFor(async () => (await council.control("GET", "/state")).pending.length === 1, 10_000, () => "the Follow never arrived");
    expect((await getSubscription()).state).toBe("pending");
    // Delivered (202) and not answered yet: a locked account, not a broken one.
    await waitFor(async () => /waiting for the account to approve/.test((await getSubscription()).reason ?? ""), 10_000, () => "the pending follow never said it waits for approval");

    await answerPendingFollow("reject");
    const rejected = await waitFor(async () => {
      const subscription = await getSubscription();
      return subscription.state === "rejected" && subscription;
    }, 10_000, () => `never rejected\n${app.output().slice(-2000)}`);
    expect(rejected.reason).toMatch(/turned down/);

    const retried = await (await app.api("POST", "/api/admin/subscriptions", { handle: `@council@${council.host}` })).json();
    expect(retried).toMatchObject({ id: created.id, state: "pending" });
    await waitFor(async () => (await council.control("GET", "/state")).pending.length === 1, 10_000, () => "the second Follow never arrived");
    await answerPendingFollow("accept");
    await waitFor(async () => (await getSubscription()).state === "accepted", 10_000, () => "never accepted");
  });
});
