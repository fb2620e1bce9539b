import { describe, expect, it } from "vitest";
import { buildCatalog, findField } from "./catalog";
import { parseCountry, parseLanguage } from "./value-codes";
import { categoryLabel, eventLabel, humanizeCode, languageLabel, valueLabel, valueLabelWithCode } from "./value-labels";

const catalog = buildCatalog([{ key: "plan", label: "Plan", type: "select", options: [{ key: "pro", label: "Professional" }] }]);
const field = (key: string) => findField(catalog, key)!;

describe("value labels", () => {
  it("names codes of every coded field and leaves free text as written", () => {
    expect(valueLabel(field("country"), "PL")).toBe("Poland");
    expect(valueLabelWithCode(field("country"), "PL")).toBe("Poland (PL)");
    expect(valueLabel(field("language"), "pl-PL")).toBe("Polish (Poland)");
    expect(valueLabel(field("source"), "organic_search")).toBe("Organic search");
    expect(valueLabel(field("maritalStatus"), "married")).toBe("Married");
    expect(valueLabel(field("education"), "high_school")).toBe("High school");
    expect(valueLabel(field("gender"), "female")).toBe("Female");
    expect(valueLabel(field("lifecycleStage"), "churned")).toBe("Churned");
    expect(valueLabel(field("custom.plan"), "pro")).toBe("Professional");
    expect(valueLabel(field("city"), "kraków_old")).toBe("kraków_old");
    expect(valueLabel(field("source"), "Spring Fair 2026")).toBe("Spring Fair 2026");
  });

  it("names event names and product categories", () => {
    expect(eventLabel("product_viewed")).toBe("Product viewed");
    expect(categoryLabel("toys_games")).toBe("Toys & Games");
    expect(categoryLabel("garden_tools")).toBe("Garden tools");
    expect(humanizeCode("discount-hunter")).toBe("Discount hunter");
  });

  it("shows a stored language in the form by a name that reads back to the same tag", async () => {
    const { languageFormText } = await import("./value-codes");
    expect(languageFormText("pl-PL")).toBe("Polish (Poland)");
    expect(languageFormText("zh-Hant-TW")).toBe("zh-Hant-TW");
  });

  it("shows a value Intl cannot name as stored", () => {
    expect(languageLabel("not a tag")).toBe("not a tag");
    expect(valueLabel(field("country"), "XX")).toBe("XX");
  });
});

describe("names to codes", () => {
  it("reads a country by code in any case or by English name", () => {
    expect(parseCountry("Poland")).toEqual({ ok: true, code: "PL" });
    expect(parseCountry(" pl ")).toEqual({ ok: true, code: "PL" });
    expect(parseCountry("united kingdom")).toEqual({ ok: true, code: "GB" });
    expect(parseCountry("USA")).toEqual({ ok: true, code: "US" });
  });

  it("refuses an unknown country naming a code and the nearest name", () => {
    const r = parseCountry("Polnd");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toBe('Unknown country "Polnd": use a country name or an ISO code such as PL (did you mean Poland (PL)?)');
    expect(r.suggestion).toEqual({ code: "PL", label: "Poland (PL)" });
    expect(parseCountry("Atlantis").ok).toBe(false);
  });

  it("reads a language by tag or English name", () => {
    expect(parseLanguage("Polish")).toEqual({ ok: true, code: "pl" });
    expect(parseLanguage("polish")).toEqual({ ok: true, code: "pl" });
    expect(parseLanguage("pl-pl")).toEqual({ ok: true, code: "pl-PL" });
    expect(parseLanguage("Polish (Poland)")).toEqual({ ok: true, code: "pl-PL" });
    expect(parseLanguage("English (United States)")).toEqual({ ok: true, code: "en-US" });
  });

  it("refuses an unknown language naming a tag", () => {
    const r = parseLanguage("Polsh");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^Unknown language "Polsh": use a language name or a BCP 47 tag such as pl or pl-PL \(did you mean Polish \(pl\)\?\)$/);
    expect(parseLanguage("zz-ZZ").ok).toBe(false);
  });
});

describe("the customer form, import and API read a language name as its tag", () => {
  it("maps Polish to pl and refuses a word that is no language", async () => {
    const { parseFieldValue } = await import("@/lib/customers/values");
    const zone = { timeZone: "UTC", now: new Date("2026-06-15T12:00:00Z") };
    expect(parseFieldValue(field("language"), "Polish", zone)).toEqual({ ok: true, value: "pl" });
    expect(parseFieldValue(field("language"), "en_gb", zone)).toEqual({ ok: true, value: "en-GB" });
    const bad = parseFieldValue(field("language"), "Polsh", zone);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/BCP 47 tag such as pl or pl-PL \(did you mean Polish \(pl\)\?\)/);
  });
});
