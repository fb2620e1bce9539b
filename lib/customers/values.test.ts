import { describe, expect, it } from "vitest";
import { buildCatalog, findField, type FieldDefinition } from "@/lib/fields/catalog";
import { countryCodeFromName, isCountryCode } from "./countries";
import { isEmptyRaw, matchOption, parseExternalId, parseFieldValue, type ParseResult } from "./values";
import { zonedTimeToInstant } from "./zoned-time";

const catalog = buildCatalog([
  { key: "interests", label: "Interests", type: "multiselect", options: [{ key: "running", label: "Running" }, { key: "yoga", label: "Yoga" }] },
  { key: "device", label: "Device", type: "select", options: [{ key: "ios", label: "iPhone" }, { key: "android", label: "Android" }] },
  { key: "points", label: "Points", type: "number" },
  { key: "member_since", label: "Member since", type: "date" },
  { key: "vip", label: "VIP", type: "boolean" },
  { key: "note", label: "Note", type: "text" },
]);
const options = { timeZone: "Europe/Warsaw", now: new Date("2026-06-15T12:00:00Z") };

function field(key: string): FieldDefinition {
  const f = findField(catalog, key);
  if (!f) throw new Error(key);
  return f;
}
function parse(key: string, raw: unknown): ParseResult {
  return parseFieldValue(field(key), raw, options);
}
function value(key: string, raw: unknown) {
  const r = parse(key, raw);
  if (!r.ok) throw new Error(`${key} ${JSON.stringify(raw)}: ${r.message}`);
  return r.value;
}
function message(key: string, raw: unknown): string {
  const r = parse(key, raw);
  if (r.ok) throw new Error(`${key} ${JSON.stringify(raw)} was accepted as ${JSON.stringify(r.value)}`);
  return r.message;
}

describe("empty values", () => {
  it("null, undefined, blank strings and empty lists are empty for every type", () => {
    for (const key of ["email", "companySize", "income", "birthDate", "signedUpAt", "emailOptIn", "gender", "tags", "custom.interests", "custom.note"]) {
      for (const raw of [null, undefined, "", "   ", []]) expect(value(key, raw)).toBeNull();
    }
    expect(isEmptyRaw(0)).toBe(false);
    expect(isEmptyRaw(false)).toBe(false);
  });
});

describe("text fields", () => {
  it("trims, and refuses over-long text and NUL", () => {
    expect(value("firstName", "  Ada ")).toBe("Ada");
    expect(message("firstName", "x".repeat(501))).toMatch(/at most 500 characters/);
    expect(value("custom.note", "x".repeat(2000))).toHaveLength(2000);
    expect(message("city", "a\u0000b")).toMatch(/NUL/);
  });

  it("lower-cases and validates emails", () => {
    expect(value("email", " Ada.Lovelace+news@Example.COM ")).toBe("ada.lovelace+news@example.com");
    for (const bad of ["ada", "ada@", "@example.com", "ada@example", "ada@@example.com", "ada lovelace@example.com", "a..b@example.com"]) {
      expect(message("email", bad)).toMatch(/not a valid email address/);
    }
  });

  it("accepts ISO 3166-1 alpha-2 codes in any case, and English names", () => {
    expect(value("country", "pl")).toBe("PL");
    expect(value("country", "Poland")).toBe("PL");
    expect(value("country", "united kingdom")).toBe("GB");
    expect(value("country", "UK")).toBe("GB");
    expect(value("country", "Côte d’Ivoire")).toBe("CI");
    expect(message("country", "XX")).toMatch(/not an ISO 3166-1 country code/);
    expect(message("country", "EU")).toMatch(/not an ISO 3166-1/);
    expect(message("country", "Atlantis")).toMatch(/not a country/);
    expect(isCountryCode("XK")).toBe(true);
    expect(countryCodeFromName("Germany")).toBe("DE");
  });

  it("canonicalizes BCP 47 language tags", () => {
    expect(value("language", "en-gb")).toBe("en-GB");
    expect(value("language", "pt_br")).toBe("pt-BR");
    expect(value("language", "zh-hant-tw")).toBe("zh-Hant-TW");
    expect(message("language", "english language")).toMatch(/BCP 47/);
  });
});

describe("numbers and money", () => {
  it("companySize is a whole number from 0", () => {
    expect(value("companySize", "250")).toBe(250);
    expect(value("companySize", 12)).toBe(12);
    expect(message("companySize", "12.5")).toMatch(/whole number/);
    expect(message("companySize", "-1")).toMatch(/cannot be negative/);
    expect(message("companySize", "lots")).toMatch(/not a number/);
  });

  it("income is a non-negative amount with at most 2 decimals, stored as a decimal string", () => {
    expect(value("income", "52000")).toBe("52000.00");
    expect(value("income", "1234.5")).toBe("1234.50");
    expect(value("income", "1234.50")).toBe("1234.50");
    expect(value("income", 99.99)).toBe("99.99");
    expect(message("income", "1234.567")).toMatch(/at most 2 decimal places/);
    expect(message("income", "-5")).toMatch(/cannot be negative/);
    expect(message("income", "1000000000000")).toMatch(/at most/);
    expect(message("income", "1,5")).toBe('"1,5" is not a number in English format (1,234.56): there "," separates thousands and "." marks decimals.');
    expect(message("income", 0.1 + 0.2)).toMatch(/2 decimal places/);
  });

  it("custom numbers take any finite number written in English format by default", () => {
    expect(value("custom.points", "-12.75")).toBe(-12.75);
    expect(value("custom.points", "+3")).toBe(3);
    expect(value("custom.points", ".5")).toBe(0.5);
    expect(value("custom.points", "1 000")).toBe(1000);
    expect(value("custom.points", "1,000")).toBe(1000);
    expect(message("custom.points", "1 00")).toMatch(/not a number/);
    expect(message("custom.points", Number.NaN)).toMatch(/finite/);
    expect(message("custom.points", true)).toMatch(/Enter a number/);
  });
});

describe("numbers as people type them (issue 10, problem 4)", () => {
  const inLocale = (key: string, raw: string, numberLocale: string) => parseFieldValue(field(key), raw, { ...options, numberLocale });

  it.each([
    ["en", "54,700", "54700.00"],
    ["en", "54 700", "54700.00"],
    ["en", "54\u00a0700", "54700.00"],
    ["en", "1,234.50", "1234.50"],
    ["en", "1,234,567.5", "1234567.50"],
    ["en-GB", "54700", "54700.00"],
    ["de", "54.700", "54700.00"],
    ["de", "54,7", "54.70"],
    ["de", "1.234,50", "1234.50"],
    ["de-CH", "1'234.50", "1234.50"],
    ["pl", "54 700", "54700.00"],
    ["pl", "1 234,5", "1234.50"],
    ["pl", "54,7", "54.70"],
  ])("income in %s: %s is %s", (locale, raw, stored) => {
    expect(inLocale("income", raw, locale)).toEqual({ ok: true, value: stored });
  });

  it("the locale decides a value that reads both ways", () => {
    expect(inLocale("custom.points", "1,500", "en")).toEqual({ ok: true, value: 1500 });
    expect(inLocale("custom.points", "1,500", "de")).toEqual({ ok: true, value: 1.5 });
    expect(inLocale("custom.points", "1.234", "en")).toEqual({ ok: true, value: 1.234 });
    expect(inLocale("custom.points", "1.234", "pl")).toEqual({ ok: true, value: 1234 });
  });

  it("never advises a rewrite that changes the value", () => {
    for (const [raw, locale] of [["54,700", "de"], ["1,5", "en"], ["12.5", "de"], ["1,234.50", "pl"]] as const) {
      const r = inLocale("income", raw, locale);
      if (r.ok && raw === "54,700") {
        // German reads 54,700 as 54.7: allowed, the locale says so (the form shows "Saved as 54,70").
        expect(r.value).toBe("54.70");
        continue;
      }
      if (r.ok) throw new Error(`${raw} in ${locale} was accepted as ${JSON.stringify(r.value)}`);
      expect(r.message).not.toMatch(/Use "\." as the decimal mark/);
      expect(r.message).not.toMatch(/"54\.700"/);
    }
    expect((inLocale("income", "12.5", "de") as { message: string }).message).toBe('"12.5" is not a number in German format (1.234,56): there "." separates thousands and "," marks decimals.');
  });
});

describe("dates and date-times", () => {
  it("dates are YYYY-MM-DD real calendar days; birth dates not in the future", () => {
    expect(value("birthDate", "1990-02-28")).toBe("1990-02-28");
    expect(value("custom.member_since", "2024-02-29")).toBe("2024-02-29");
    expect(message("custom.member_since", "2023-02-29")).toMatch(/not a date/);
    expect(message("birthDate", "31/12/1990")).toMatch(/YYYY-MM-DD/);
    expect(message("birthDate", "2026-06-16")).toMatch(/future/);
    expect(value("birthDate", "2026-06-15")).toBe("2026-06-15");
    expect(message("birthDate", "1850-01-01")).toMatch(/between 1900/);
  });

  it("date-times without a zone are in the workspace zone; with a zone as written", () => {
    expect(value("signedUpAt", "2026-01-31 14:30")).toEqual(new Date("2026-01-31T13:30:00Z"));
    expect(value("signedUpAt", "2026-07-01T14:30:15")).toEqual(new Date("2026-07-01T12:30:15Z"));
    expect(value("signedUpAt", "2026-07-01")).toEqual(new Date("2026-06-30T22:00:00Z"));
    expect(value("signedUpAt", "2026-07-01T14:30:00Z")).toEqual(new Date("2026-07-01T14:30:00Z"));
    expect(value("signedUpAt", "2026-07-01T14:30:00+0530")).toEqual(new Date("2026-07-01T09:00:00Z"));
    expect(value("lastSeenAt", new Date("2025-01-01T00:00:00Z"))).toEqual(new Date("2025-01-01T00:00:00Z"));
    expect(message("signedUpAt", "2026-01-31 25:00")).toMatch(/invalid time/);
    expect(message("signedUpAt", "yesterday")).toMatch(/not a date and time/);
  });

  it("wall times across daylight-saving changes", () => {
    // Warsaw jumps from 02:00 to 03:00 on 2026-03-29 and back from 03:00 to 02:00 on 2026-10-25.
    expect(new Date(zonedTimeToInstant("2026-03-29", 2.5 * 3_600_000, "Europe/Warsaw")).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(new Date(zonedTimeToInstant("2026-10-25", 2.5 * 3_600_000, "Europe/Warsaw")).toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(new Date(zonedTimeToInstant("2026-10-25", 12 * 3_600_000, "America/New_York")).toISOString()).toBe("2026-10-25T16:00:00.000Z");
  });
});

describe("booleans", () => {
  it("accept true/false, yes/no, 1/0 in any case", () => {
    for (const raw of ["true", "TRUE", "Yes", "y", "1", 1, true, " on "]) expect(value("emailOptIn", raw)).toBe(true);
    for (const raw of ["false", "No", "N", "0", 0, false, "OFF"]) expect(value("custom.vip", raw)).toBe(false);
    expect(message("custom.vip", "maybe")).toMatch(/yes or no/);
  });
});

describe("select, multiselect and tags", () => {
  it("select values are option keys; labels and other cases resolve to keys", () => {
    expect(value("custom.device", "ios")).toBe("ios");
    expect(value("custom.device", "iPhone")).toBe("ios");
    expect(value("custom.device", "ANDROID")).toBe("android");
    expect(value("gender", "Female")).toBe("female");
    expect(value("lifecycleStage", "customer")).toBe("customer");
    expect(message("custom.device", "blackberry")).toMatch(/"blackberry" is not an option of Device\. Choose one of: iPhone, Android/);
    expect(message("gender", "robot")).toMatch(/not an option of Gender/);
  });

  it("multiselect takes ;-separated cells or lists, deduplicated, in the order given", () => {
    expect(value("custom.interests", "yoga; Running ;yoga;")).toEqual(["yoga", "running"]);
    expect(value("custom.interests", ["running"])).toEqual(["running"]);
    expect(value("custom.interests", ";")).toBeNull();
    expect(message("custom.interests", "yoga;chess")).toMatch(/"chess" is not an option of Interests/);
    expect(message("custom.interests", [1])).toMatch(/by name/);
  });

  it("tags are lower-cased, trimmed and deduplicated", () => {
    expect(value("tags", "VIP; newsletter ;vip")).toEqual(["vip", "newsletter"]);
    expect(value("tags", ["B2B", "b2b"])).toEqual(["b2b"]);
    expect(message("tags", "x".repeat(101))).toMatch(/at most 100 characters/);
  });

  it("matchOption prefers an exact key, then an exact label", () => {
    const opts = [{ key: "a", label: "B" }, { key: "b", label: "A" }];
    expect(matchOption(opts, "a")).toBe("a");
    expect(matchOption(opts, "A")).toBe("b");
    expect(matchOption(opts, "c")).toBeUndefined();
  });
});

describe("fields that cannot be written", () => {
  it("derived fields and createdAt are refused", () => {
    for (const key of ["ordersCount", "totalSpent", "averageOrderValue", "firstOrderAt", "lastOrderAt", "age", "createdAt"]) {
      expect(message(key, "1")).toMatch(/computed by Segmenta/);
    }
  });

  it("externalId is trimmed text up to 200 characters", () => {
    expect(parseExternalId(" CUS-1 ")).toEqual({ ok: true, value: "CUS-1" });
    expect(parseExternalId(42)).toEqual({ ok: true, value: "42" });
    expect(parseExternalId("")).toEqual({ ok: true, value: null });
    expect(parseExternalId("x".repeat(201)).ok).toBe(false);
  });
});
