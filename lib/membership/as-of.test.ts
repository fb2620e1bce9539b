import { describe, expect, test } from "vitest";
import { asOfTime, LIVE_NOTE, membershipNote } from "./as-of";

describe("membershipNote", () => {
  const now = new Date("2026-12-04T09:50:00Z");
  test("stored members say as of when, in the workspace's zone", () => {
    expect(membershipNote({ usable: true, asOf: new Date("2026-12-04T09:42:10Z") }, "Europe/Warsaw", now)).toBe("Members as of 10:42");
    expect(membershipNote({ usable: true, asOf: new Date("2026-12-04T09:42:10Z") }, "America/New_York", now)).toBe("Members as of 04:42");
  });
  test("an as-of on an earlier local day names the day", () => {
    expect(asOfTime(new Date("2026-12-03T22:30:00Z"), "UTC", now)).toBe("3 Dec, 22:30");
    expect(asOfTime(new Date("2026-12-03T23:30:00Z"), "Europe/Warsaw", now)).toBe("00:30");
  });
  test("a live count says so", () => {
    expect(membershipNote({ usable: false, asOf: null }, "UTC", now)).toBe(LIVE_NOTE);
  });
});
