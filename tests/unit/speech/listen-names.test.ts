import { describe, expect, it } from "vitest";
import { getFirstWords, nameListItems } from "../../../lib/speech/listen-items";

describe("/listen list names", () => {
  it("quote the first words of the warning, else the text, cut by words or by characters for unspaced scripts", () => {
    expect(getFirstWords({ summary: null, text: "Road closed: Station Road is closed between the roundabout and Mill Lane" })).toBe("Road closed: Station Road is closed between the…");
    expect(getFirstWords({ summary: "Flooding", text: "River Road is flooded." })).toBe("Flooding");
    expect([...getFirstWords({ summary: null, text: "図".repeat(200) })]).toHaveLength(60);
  });

  it("never repeat: account, date, time and first words, and a number for true twins", () => {
    const item = { accountName: "Demo City Council", dateLabel: "Sunday, 6 December 2026", timeLabel: "09:15", firstWords: "Bins go out on Monday." };
    const names = nameListItems([item, { ...item, firstWords: "Library reopens." }, item, item]);
    expect(names[0]).toBe("Demo City Council, Sunday, 6 December 2026 at 09:15: Bins go out on Monday.");
    expect(new Set(names).size).toBe(4);
    expect(names[3]).toMatch(/\(3\)$/);
  });
});
