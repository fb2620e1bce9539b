import { describe, expect, test } from "vitest";
import { joinedLeft, sizeSeries } from "./membership-series";

describe("sizeSeries", () => {
  test("running sum per day, days without changes carried, from the first logged day", () => {
    const s = sizeSeries(
      [
        { day: "2026-03-30", entered: 1, exited: 2 },
        { day: "2026-03-27", entered: 5, exited: 0 },
      ],
      "2026-03-31",
      365,
    );
    expect(s.map((p) => [p.day, p.size])).toEqual([
      ["2026-03-27", 5], ["2026-03-28", 5], ["2026-03-29", 5], ["2026-03-30", 4], ["2026-03-31", 4],
    ]);
  });
  test("changes before the window count towards its first day", () => {
    const s = sizeSeries([{ day: "2026-01-01", entered: 10, exited: 0 }, { day: "2026-03-30", entered: 0, exited: 3 }], "2026-03-31", 3);
    expect(s.map((p) => [p.day, p.size])).toEqual([["2026-03-29", 10], ["2026-03-30", 7], ["2026-03-31", 7]]);
  });
  test("nothing logged: no series", () => {
    expect(sizeSeries([], "2026-03-31", 30)).toEqual([]);
  });
});

describe("joinedLeft", () => {
  test("from the start of the day N days ago through today", () => {
    const changes = [
      { day: "2026-03-23", entered: 100, exited: 0 },
      { day: "2026-03-24", entered: 2, exited: 1 },
      { day: "2026-03-31", entered: 1, exited: 4 },
    ];
    expect(joinedLeft(changes, "2026-03-31", 7)).toEqual({ days: 7, joined: 3, left: 5 });
    expect(joinedLeft(changes, "2026-03-31", 30)).toEqual({ days: 30, joined: 103, left: 5 });
  });
});
