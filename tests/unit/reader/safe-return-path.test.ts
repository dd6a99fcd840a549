import { describe, expect, it } from "vitest";
import { safeReturnPath } from "../../../lib/reader/settings";

// `back` after /settings/save: whatever is given, the Location is a path that a browser
// resolves to this site. Each hostile value is checked the way a browser would read the
// answer: resolved against the site with the URL parser.

const ORIGIN = "https://crier.example";

const HOSTILE = [
  "/%09/evil.example", "/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "\t//evil.example",
  "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example", "/\\/evil.example", "\\/evil.example",
  "/.//evil.example", "/..//evil.example", "/%2F%2Fevil.example", "/%5C%5Cevil.example", "%2F%2Fevil.example",
  "javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
  "https://evil.example/", "http:evil.example", "https:/evil.example", "//evil.example@crier.example",
  "/\u0000/evil.example", " //evil.example", "\u000b//evil.example", "http://crier.example.evil.example/",
];

describe("safeReturnPath", () => {
  it.each(HOSTILE)("keeps %j on this site", (value) => {
    const location = safeReturnPath(value, ORIGIN);
    expect(location.startsWith("/")).toBe(true);
    expect(location.startsWith("//")).toBe(false);
    expect(location).not.toMatch(/[\u0000-\u001f\u007f\\]/);
    expect(new URL(location, ORIGIN).origin).toBe(ORIGIN);
  });

  it.each([
    ["/", "/"],
    ["/accounts/%40news%40council.example?x=1#top", "/accounts/%40news%40council.example?x=1#top"],
    ["/a/../listen", "/listen"],
    ["https://crier.example/listen", "/listen"],
    ["/%09/evil.example", "/%09/evil.example"],
    ["/.//evil.example", "/evil.example"],
  ])("sends %j back to %j", (value, expected) => {
    expect(safeReturnPath(value, ORIGIN)).toBe(expected);
  });

  it("falls back to / for anything that is not a string", () => {
    expect(safeReturnPath(null, ORIGIN)).toBe("/");
    expect(safeReturnPath(new File([], "x"), ORIGIN)).toBe("/");
  });
});
