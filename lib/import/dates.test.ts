import { describe, expect, it } from "vitest";
import { zonedTimeToInstant } from "@/lib/customers/zoned-time";
import { dateCellInstant, dateCellIso, detectDateFormat, parseDateCell, zonedTimeToUtc } from "./dates";

describe("parseDateCell", () => {
  it("reads each format into an ISO date", () => {
    expect(parseDateCell("2024-01-31", "YYYY-MM-DD")).toEqual({ date: "2024-01-31" });
    expect(parseDateCell("2024/1/5", "YYYY/MM/DD")).toEqual({ date: "2024-01-05" });
    expect(parseDateCell("31-01-2024", "DD-MM-YYYY")).toEqual({ date: "2024-01-31" });
    expect(parseDateCell("31/01/2024", "DD/MM/YYYY")).toEqual({ date: "2024-01-31" });
    expect(parseDateCell("31.01.2024", "DD.MM.YYYY")).toEqual({ date: "2024-01-31" });
    expect(parseDateCell("01/31/2024", "MM/DD/YYYY")).toEqual({ date: "2024-01-31" });
    expect(parseDateCell("1-31-2024", "MM-DD-YYYY")).toEqual({ date: "2024-01-31" });
  });

  it("reads times, 12-hour clocks, fractions and zones", () => {
    expect(parseDateCell("2024-01-31T14:30", "YYYY-MM-DD")).toEqual({ date: "2024-01-31", time: "14:30:00.000" });
    expect(parseDateCell("2024-01-31 14:30:15.25Z", "YYYY-MM-DD")).toEqual({ date: "2024-01-31", time: "14:30:15.250", zone: "Z" });
    expect(parseDateCell("2024-01-31T14:30:00+0200", "YYYY-MM-DD")).toEqual({ date: "2024-01-31", time: "14:30:00.000", zone: "+02:00" });
    expect(parseDateCell("1/31/2024 2:05 PM", "MM/DD/YYYY")).toEqual({ date: "2024-01-31", time: "14:05:00.000" });
    expect(parseDateCell("1/31/2024 12:05 am", "MM/DD/YYYY")).toEqual({ date: "2024-01-31", time: "00:05:00.000" });
    expect(parseDateCell("31.01.2024 09:30", "DD.MM.YYYY")).toEqual({ date: "2024-01-31", time: "09:30:00.000" });
  });

  it("refuses impossible dates and times, and other formats", () => {
    expect(parseDateCell("31.02.2024", "DD.MM.YYYY")).toBeNull();
    expect(parseDateCell("29-02-2023", "DD-MM-YYYY")).toBeNull();
    expect(parseDateCell("29-02-2024", "DD-MM-YYYY")).toEqual({ date: "2024-02-29" });
    expect(parseDateCell("2024-13-01", "YYYY-MM-DD")).toBeNull();
    expect(parseDateCell("2024-01-01 24:00", "YYYY-MM-DD")).toBeNull();
    expect(parseDateCell("13:00 PM", "YYYY-MM-DD")).toBeNull();
    expect(parseDateCell("31/01/2024", "DD-MM-YYYY")).toBeNull();
    expect(parseDateCell("yesterday", "YYYY-MM-DD")).toBeNull();
  });

  it("writes ISO text back", () => {
    expect(dateCellIso({ date: "2024-01-31" })).toBe("2024-01-31");
    expect(dateCellIso({ date: "2024-01-31", time: "14:30:00.000", zone: "Z" })).toBe("2024-01-31T14:30:00.000Z");
  });
});

describe("detectDateFormat", () => {
  it("detects day-first from days above 12", () => {
    expect(detectDateFormat(["04-09-2012", "08-03-2014", "21-08-2013"])).toMatchObject({ format: "DD-MM-YYYY", ambiguous: false, candidates: ["DD-MM-YYYY"] });
    expect(detectDateFormat(["01/31/2024", "02/01/2024"])).toMatchObject({ format: "MM/DD/YYYY", ambiguous: false });
    expect(detectDateFormat(["31/01/2024", "02/01/2024"])).toMatchObject({ format: "DD/MM/YYYY", ambiguous: false });
  });

  it("flags values that fit two formats and picks the usual reading of the separator", () => {
    const slash = detectDateFormat(["03/04/2024", "05/06/2024"]);
    expect(slash).toMatchObject({ format: "MM/DD/YYYY", ambiguous: true });
    expect(slash?.candidates.sort()).toEqual(["DD/MM/YYYY", "MM/DD/YYYY"]);
    expect(detectDateFormat(["03-04-2024", "05-06-2024"])).toMatchObject({ format: "DD-MM-YYYY", ambiguous: true });
  });

  it("reads ISO with and without time, ignores blanks, tolerates a few bad values, and gives up on non-dates", () => {
    expect(detectDateFormat(["2024-01-31", "", "2024-02-01T10:00:00Z", "2024-02-02 10:00"])).toMatchObject({ format: "YYYY-MM-DD", ambiguous: false, matched: 3, sampled: 3 });
    const mostly = detectDateFormat([...Array.from({ length: 9 }, () => "2024-01-31"), "n/a"]);
    expect(mostly).toMatchObject({ format: "YYYY-MM-DD", matched: 9, sampled: 10 });
    expect(detectDateFormat(["1957", "1954"])).toBeNull();
    expect(detectDateFormat(["Graduation", "PhD"])).toBeNull();
    expect(detectDateFormat([])).toBeNull();
  });
});

describe("zoned times", () => {
  it("reads a wall-clock time in the zone, as zonedTimeToInstant does, also on clock-change days", () => {
    const cases: [string, string][] = [
      ["2024-01-31", "14:30:00.000"],
      ["2024-03-31", "02:30:00.000"], // skipped in Warsaw
      ["2024-10-27", "02:30:00.000"], // repeated in Warsaw
      ["2024-10-27", "23:59:59.999"],
      ["1950-06-01", "00:00:00.000"],
    ];
    for (const [date, time] of cases) {
      const [h, m, rest] = time.split(":");
      const ms = ((Number(h) * 60 + Number(m)) * 60 + Number(rest.split(".")[0])) * 1000 + Number(rest.split(".")[1]);
      expect(zonedTimeToUtc(date, time, "Europe/Warsaw").getTime(), `${date} ${time}`).toBe(zonedTimeToInstant(date, ms, "Europe/Warsaw"));
    }
    expect(zonedTimeToUtc("2024-01-31", "14:30:00.000", "Europe/Warsaw").toISOString()).toBe("2024-01-31T13:30:00.000Z");
    expect(zonedTimeToUtc("2024-03-31", "02:30:00.000", "Europe/Warsaw").toISOString()).toBe("2024-03-31T01:30:00.000Z");
  });

  it("uses a zone written in the cell and midnight for a date alone", () => {
    expect(dateCellInstant({ date: "2024-06-01", time: "12:00:00.000", zone: "Z" }, "Europe/Warsaw").toISOString()).toBe("2024-06-01T12:00:00.000Z");
    expect(dateCellInstant({ date: "2024-06-01" }, "America/New_York").toISOString()).toBe("2024-06-01T04:00:00.000Z");
  });
});
