import { describe, expect, test } from "vitest";
import { buildCatalog, findField, pickableFields, STANDARD_FIELDS } from "./catalog";
import { readField } from "./read";
import type { CustomerRow } from "./types";

// The field table of SEGMENT_FORMAT.md, verbatim.
const FORMAT_TYPES = {
  text: ["email", "firstName", "lastName", "phone", "city", "region", "country", "language", "company", "jobTitle", "industry", "maritalStatus", "education", "source"],
  select: ["gender", "lifecycleStage"],
  number: ["companySize", "age", "ordersCount"],
  money: ["income", "totalSpent", "averageOrderValue"],
  date: ["birthDate"],
  datetime: ["signedUpAt", "lastSeenAt", "createdAt", "firstOrderAt", "lastOrderAt"],
  boolean: ["emailOptIn"],
  tags: ["tags"],
} as const;

const catalog = buildCatalog([
  { key: "interests", label: "Interests", type: "multiselect", options: [{ key: "coffee", label: "Coffee" }] },
  { key: "loyalty_points", label: "Loyalty points", type: "number", description: "Points balance" },
  { key: "old_note", label: "Old note", type: "text", archived: true },
]);

describe("the catalog", () => {
  test("lists every standard and derived field of the format with its type", () => {
    const expected = Object.entries(FORMAT_TYPES).flatMap(([type, keys]) => keys.map((key) => [key, type]));
    expect(STANDARD_FIELDS.map((f) => [f.key, f.type]).sort()).toEqual(expected.sort());
  });

  test("select fields carry their options; derived fields are flagged", () => {
    expect(findField(catalog, "gender")?.options?.map((o) => o.key)).toEqual(["female", "male", "other"]);
    expect(findField(catalog, "lifecycleStage")?.options?.map((o) => o.key)).toEqual(["lead", "prospect", "customer", "churned"]);
    expect(STANDARD_FIELDS.filter((f) => f.derived).map((f) => f.key).sort()).toEqual(
      ["age", "averageOrderValue", "firstOrderAt", "lastOrderAt", "ordersCount", "totalSpent"],
    );
    expect(findField(catalog, "age")?.source).toEqual({ kind: "age" });
  });

  test("custom fields are custom.<key>, read from attributes", () => {
    expect(findField(catalog, "custom.interests")).toEqual({
      key: "custom.interests", label: "Interests", group: "Custom", type: "multiselect",
      source: { kind: "attribute", key: "interests" }, options: [{ key: "coffee", label: "Coffee" }],
    });
    expect(findField(catalog, "custom.loyalty_points")?.description).toBe("Points balance");
    expect(findField(catalog, "interests")).toBeUndefined();
  });

  test("archived custom fields resolve but pickers leave them out", () => {
    expect(findField(catalog, "custom.old_note")?.archived).toBe(true);
    const picked = pickableFields(catalog).flatMap((g) => g.fields.map((f) => f.key));
    expect(picked).toContain("custom.interests");
    expect(picked).not.toContain("custom.old_note");
    expect(pickableFields(catalog).map((g) => g.group)).toEqual(["Profile", "Location", "Company", "Purchases", "Predictions", "Activity", "Custom"]);
  });

  test("the catalog is plain data (serializable to client components)", () => {
    expect(JSON.parse(JSON.stringify(catalog))).toEqual(catalog);
  });
});

describe("reading a record", () => {
  const row: CustomerRow = {
    id: "c1", email: "a@b.c", firstName: "", lastName: null, phone: null, birthDate: "2000-02-29", gender: "female",
    country: "PL", city: null, region: null, language: null, company: null, jobTitle: null, industry: null,
    companySize: 0, income: "1200.50", maritalStatus: null, education: null, lifecycleStage: null, tags: [],
    emailOptIn: false, source: null, signedUpAt: new Date("2024-01-02T03:04:05Z"), lastSeenAt: null, createdAt: new Date(0),
    ordersCount: 0, totalSpent: "0.00", averageOrderValue: null, firstOrderAt: null, lastOrderAt: null,
    attributes: { interests: ["coffee"], loyalty_points: "12", old_note: "kept" },
  };
  const read = (key: string, today = "2024-03-15") => readField(findField(catalog, key)!, row, today);

  test("every empty value reads as null", () => {
    expect(read("firstName")).toBeNull();
    expect(read("lastName")).toBeNull();
    expect(read("tags")).toBeNull();
    expect(read("averageOrderValue")).toBeNull();
  });

  test("values keep their meaning", () => {
    expect(read("companySize")).toBe(0);
    expect(read("income")).toBe("1200.50");
    expect(read("emailOptIn")).toBe(false);
    expect(read("signedUpAt")).toBe(Date.parse("2024-01-02T03:04:05Z"));
    expect(read("custom.interests")).toEqual(["coffee"]);
    expect(read("custom.old_note")).toBe("kept");
  });

  test("age is whole years as of today; a 29 February birthday passes on 28 February", () => {
    expect(read("age", "2024-02-28")).toBe(23);
    expect(read("age", "2024-02-29")).toBe(24);
    expect(read("age", "2025-02-28")).toBe(25);
  });

  test("a custom value of the wrong JSON type reads as empty", () => {
    expect(read("custom.loyalty_points")).toBeNull();
  });
});

describe("the prediction fields", () => {
  const row = (prediction: CustomerRow["prediction"]) => ({ prediction }) as unknown as CustomerRow;

  test("are in the Predictions group, derived, read from the stored prediction", () => {
    const fields = catalog.fields.filter((f) => f.group === "Predictions");
    expect(fields.map((f) => [f.key, f.type])).toEqual([
      ["prediction.probabilityAlive", "number"],
      ["prediction.churnRisk", "select"],
      ["prediction.purchases30", "number"],
      ["prediction.purchases90", "number"],
      ["prediction.purchases365", "number"],
      ["prediction.averageOrderValue", "money"],
      ["prediction.value12m", "money"],
    ]);
    expect(fields.every((f) => f.derived && f.source.kind === "prediction" && f.description?.includes("last prediction refresh"))).toBe(true);
    expect(findField(catalog, "prediction.churnRisk")?.options).toEqual([{ key: "low", label: "Low" }, { key: "medium", label: "Medium" }, { key: "high", label: "High" }]);
  });

  test("a customer without a stored prediction has empty values", () => {
    const alive = findField(catalog, "prediction.probabilityAlive")!;
    expect(readField(alive, row(null), "2026-01-01")).toBeNull();
    expect(readField(alive, row(undefined), "2026-01-01")).toBeNull();
    const stored = { probabilityAlive: 0.25, purchases30: 0.1, purchases90: 0.3, purchases365: 1.2, averageOrderValue: "40.00", value12m: "48.00", churnRisk: "high" };
    expect(readField(alive, row(stored), "2026-01-01")).toBe(0.25);
    expect(readField(findField(catalog, "prediction.value12m")!, row(stored), "2026-01-01")).toBe("48.00");
    expect(readField(findField(catalog, "prediction.churnRisk")!, row(stored), "2026-01-01")).toBe("high");
  });
});
