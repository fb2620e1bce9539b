import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  addDays, addMonths, addUnits, addYears, ageMonthDayKey, ageOn, anniversaryKeys, createClock, isLocalDate,
  latestBirthDateForAge, localDateOf, startOfDay,
} from "./time";

const iso = (ms: number) => new Date(ms).toISOString();

describe("day boundaries in a zone", () => {
  test.each([
    // Europe/Warsaw: 31 March 2024 has 23 hours, 27 October 2024 has 25.
    ["Europe/Warsaw", "2024-03-31", "2024-03-30T23:00:00.000Z"],
    ["Europe/Warsaw", "2024-04-01", "2024-03-31T22:00:00.000Z"],
    ["Europe/Warsaw", "2024-10-27", "2024-10-26T22:00:00.000Z"],
    ["Europe/Warsaw", "2024-10-28", "2024-10-27T23:00:00.000Z"],
    // America/New_York: 10 March 2024 has 23 hours, 3 November 2024 has 25.
    ["America/New_York", "2024-03-10", "2024-03-10T05:00:00.000Z"],
    ["America/New_York", "2024-03-11", "2024-03-11T04:00:00.000Z"],
    ["America/New_York", "2024-11-03", "2024-11-03T04:00:00.000Z"],
    ["America/New_York", "2024-11-04", "2024-11-04T05:00:00.000Z"],
    // Pacific/Auckland leaves daylight time on 7 April 2024 at 03:00.
    ["Pacific/Auckland", "2024-04-07", "2024-04-06T11:00:00.000Z"],
    ["Pacific/Auckland", "2024-04-08", "2024-04-07T12:00:00.000Z"],
    // America/Santiago skips midnight on 8 September 2024 (00:00 → 01:00): the day starts at 01:00.
    ["America/Santiago", "2024-09-08", "2024-09-08T04:00:00.000Z"],
    ["America/Santiago", "2024-09-09", "2024-09-09T03:00:00.000Z"],
    // …and on 7 April 2024 repeats 23:00–24:00 of the 6th: the 7th starts at its only midnight.
    ["America/Santiago", "2024-04-07", "2024-04-07T04:00:00.000Z"],
    ["UTC", "2024-02-29", "2024-02-29T00:00:00.000Z"],
  ])("%s: %s starts at %s", (zone, date, expected) => {
    expect(iso(startOfDay(date, zone))).toBe(expected);
  });

  test("the start of a day is in that day and the instant before is not", () => {
    const zones = ["Europe/Warsaw", "America/New_York", "Pacific/Auckland", "America/Santiago", "Asia/Kolkata", "Australia/Lord_Howe"];
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: 25_000 }), (zone, n) => {
        const date = addDays("1970-01-01", n);
        const start = startOfDay(date, zone);
        expect(localDateOf(start, zone)).toBe(date);
        expect(localDateOf(start - 1, zone) < date).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  test("today depends on the zone (year end)", () => {
    const now = new Date("2023-12-31T11:30:00Z");
    expect(createClock(now, "Pacific/Auckland").today).toBe("2024-01-01");
    expect(createClock(now, "America/New_York").today).toBe("2023-12-31");
    expect(createClock(now, "UTC").today).toBe("2023-12-31");
  });

  test("an unknown zone or an invalid instant is refused", () => {
    expect(() => createClock(new Date(), "Mars/Olympus")).toThrow(/unknown time zone/);
    expect(() => createClock(new Date(Number.NaN), "UTC")).toThrow(/not a valid instant/);
  });
});

describe("calendar arithmetic", () => {
  test.each([
    ["2024-03-31", -1, "2024-02-29"],
    ["2023-03-31", -1, "2023-02-28"],
    ["2024-01-31", 1, "2024-02-29"],
    ["2024-05-31", -3, "2024-02-29"],
    ["2024-12-15", 1, "2025-01-15"],
    ["2025-01-15", -1, "2024-12-15"],
    ["2024-08-31", -2, "2024-06-30"],
    ["2024-03-15", -120, "2014-03-15"],
  ])("addMonths(%s, %i) = %s (month ends clamp)", (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });

  test("addDays crosses month, year and leap day; weeks are 7 days", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2023-12-31", 1)).toBe("2024-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addUnits("2024-03-05", -1, "week")).toBe("2024-02-27");
    expect(addUnits("2024-03-31", -1, "month")).toBe("2024-02-29");
    expect(addDays("0001-01-02", -1)).toBe("0001-01-01");
  });

  test("29 February plus a year is 28 February", () => {
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
    expect(addYears("2024-02-29", -1)).toBe("2023-02-28");
  });

  test("dates are validated", () => {
    expect(isLocalDate("2024-02-29")).toBe(true);
    expect(isLocalDate("2023-02-29")).toBe(false);
    expect(isLocalDate("2024-13-01")).toBe(false);
    expect(isLocalDate("0000-01-01")).toBe(false);
    expect(isLocalDate("2024-1-01")).toBe(false);
  });
});

describe("ages and anniversaries", () => {
  test.each([
    ["1990-03-15", "2024-03-15", 34],
    ["1990-03-16", "2024-03-15", 33],
    ["2000-02-29", "2001-02-27", 0],
    ["2000-02-29", "2001-02-28", 1],
    ["2000-02-29", "2004-02-28", 3],
    ["2000-02-29", "2004-02-29", 4],
    ["2024-03-16", "2024-03-15", -1],
  ])("ageOn(%s, %s) = %i", (birth, today, age) => {
    expect(ageOn(birth, today)).toBe(age);
  });

  test("age ≥ n exactly when the birth date is at most latestBirthDateForAge(n)", () => {
    const day = fc.integer({ min: -20_000, max: 30_000 }).map((n) => addDays("1970-01-01", n));
    fc.assert(
      fc.property(day, day, fc.integer({ min: -5, max: 120 }), (birth, today, n) => {
        expect(ageOn(birth, today) >= n).toBe(birth <= latestBirthDateForAge(today, n));
      }),
      { numRuns: 3000 },
    );
    expect(latestBirthDateForAge("2001-02-28", 1)).toBe("2000-02-29");
    expect(latestBirthDateForAge("2004-02-28", 4)).toBe("2000-02-28");
  });

  test("the SQL age key treats 28 February of a non-leap year as 29 February", () => {
    expect(ageMonthDayKey("2023-02-28")).toBe("02-29");
    expect(ageMonthDayKey("2024-02-28")).toBe("02-28");
    expect(ageMonthDayKey("2024-07-04")).toBe("07-04");
  });

  test("anniversary keys span the year end and count 29 February as 28 February in other years", () => {
    expect(anniversaryKeys("2023-12-30", 3)).toEqual(["01-01", "01-02", "12-30", "12-31"]);
    expect(anniversaryKeys("2023-02-27", 1)).toEqual(["02-27", "02-28", "02-29"]);
    expect(anniversaryKeys("2024-02-27", 1)).toEqual(["02-27", "02-28"]);
    expect(anniversaryKeys("2024-02-27", 2)).toEqual(["02-27", "02-28", "02-29"]);
    expect(anniversaryKeys("2024-06-01", 0)).toEqual(["06-01"]);
    expect(anniversaryKeys("2023-01-01", 366)).toHaveLength(366);
  });
});
