import { SendActivityError } from "@fedify/fedify";
import { describe, expect, it } from "vitest";
import { convertActivity } from "../../../lib/announcements/from-activity-streams";
import { describeDeliveryFailure } from "../../../lib/federation/follow-deliveries";

const INBOX = new URL("https://blog.example/wp-json/activitypub/1.0/inbox");

describe("describeDeliveryFailure", () => {
  it.each([
    ["a JSON error body, by its message", 401, '{"code":"activitypub_signature_verification","error":"Signature not accepted"}', "the server refused the request: 401 Signature not accepted"],
    ["a plain body, on one line", 403, "Forbidden\n\n  by policy", "the server refused the request: 403 Forbidden by policy"],
    ["no body, by its status alone", 500, "", "the server refused the request: 500"],
  ])("says %s", (_name, status, body, expected) => {
    expect(describeDeliveryFailure(new SendActivityError(INBOX, status, "failed", body))).toBe(expected);
  });

  it("says when the server could not be reached at all", () => {
    expect(describeDeliveryFailure(new TypeError("fetch failed"))).toBe("the server could not be reached: fetch failed");
  });
});

// What the queue watch reads from Fedify's outbox messages and followers collections.
describe("reading follow-related activities", () => {
  it("reads an Undo(Follow) as Fedify queues it: the Follow's id and the followed account", () => {
    const undo = convertActivity({
      "@context": "https://www.w3.org/ns/activitystreams",
      id: "https://crier.example/ap/follows/1#undo-2",
      type: "Undo",
      actor: "https://crier.example/ap/actors/crier",
      object: { id: "https://crier.example/ap/follows/1", type: "Follow", actor: "https://crier.example/ap/actors/crier", object: "https://blog.example/?author=0" },
    });
    expect(undo).toMatchObject({ kind: "undo", innerType: "Follow", activityUri: "https://crier.example/ap/follows/1", objectUri: "https://blog.example/?author=0" });
  });

  it("says an Undo(Announce) of a number is malformed", () => {
    const undo = convertActivity({ type: "Undo", actor: "https://forum.example/category/3", object: { type: "Announce", object: 4711 } });
    expect(undo).toMatchObject({ kind: "skip", reason: "invalid", detail: expect.stringMatching(/^malformed Undo: the undone Announce's object is the number 4711/) });
  });

  it("lists a followers page's ids and its totalItems, whether entries are IRIs or objects", () => {
    const page = convertActivity({
      type: "OrderedCollectionPage",
      totalItems: 3,
      orderedItems: ["https://a.example/users/one", { id: "https://crier.example/ap/actors/crier", type: "Application" }, 42],
    });
    expect(page).toMatchObject({ kind: "collection", itemIds: ["https://a.example/users/one", "https://crier.example/ap/actors/crier"], totalItems: 3, nextUri: null });
  });
});
