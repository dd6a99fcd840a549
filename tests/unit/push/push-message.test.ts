import { describe, expect, it } from "vitest";
import type { PushMessage } from "@/lib/push/push-delivery";
import { fitPushMessage, titleFor } from "@/lib/push/push-message";
import { MAX_PUSH_PAYLOAD } from "@/lib/push/web-push-crypto";

const message: PushMessage = { kind: "emergency", announcementId: "a1", headline: "Hochwasser an der Flussstraße.", body: "Bitte verlassen Sie den Parkplatz.", url: "https://crier.example/announcements/a1", lang: "de" };

describe("push messages", () => {
  it("title an alert in the resident's language where Crier has the word, else the post's, else English", () => {
    expect(titleFor(message, "nl-BE")).toBe("Noodgeval: Hochwasser an der Flussstraße.");
    expect(titleFor(message, null)).toBe("Notfall: Hochwasser an der Flussstraße.");
    expect(titleFor(message, "sv")).toBe("Notfall: Hochwasser an der Flussstraße.");
    expect(titleFor({ ...message, lang: "sv" }, "sv")).toBe("Emergency: Hochwasser an der Flussstraße.");
    expect(titleFor({ ...message, kind: "cancel", headline: "" }, "ja")).toBe("解除");
  });

  it("fit one push record in bytes, not characters: a long Japanese post is cut, an ordinary one is left alone", () => {
    expect(fitPushMessage(message)).toEqual(message);
    const japanese = { ...message, lang: "ja", body: "大雨のため、川沿いの道路は今夜から明日の朝まで通行止めになります。".repeat(80) };
    expect(Buffer.byteLength(JSON.stringify(japanese))).toBeGreaterThan(MAX_PUSH_PAYLOAD);
    const fitted = fitPushMessage({ ...japanese, title: titleFor(japanese, "ja") });
    expect(Buffer.byteLength(JSON.stringify(fitted))).toBeLessThanOrEqual(MAX_PUSH_PAYLOAD);
    expect(Buffer.byteLength(JSON.stringify(fitted))).toBeGreaterThan(MAX_PUSH_PAYLOAD - 200);
    expect(fitted.body.endsWith("…")).toBe(true);
    expect(japanese.body.startsWith(fitted.body.slice(0, -1))).toBe(true);
  });
});
