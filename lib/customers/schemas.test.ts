import { describe, expect, it } from "vitest";
import { z } from "zod";
import { zodFieldErrors } from "@/lib/auth/errors";
import { buildCatalog } from "@/lib/fields/catalog";
import { buildCustomerInputSchema, customerInputTargets, EXTERNAL_ID_KEY, WRITABLE_COLUMNS } from "./schemas";

const catalog = buildCatalog([
  { key: "interests", label: "Interests", type: "multiselect", options: [{ key: "running", label: "Running" }, { key: "yoga", label: "Yoga" }] },
  { key: "points", label: "Points", type: "number" },
  { key: "joined", label: "Joined", type: "date" },
  { key: "old_score", label: "Old score", type: "number", archived: true },
]);
const create = buildCustomerInputSchema(catalog, { timeZone: "UTC" });
const update = buildCustomerInputSchema(catalog, { timeZone: "UTC", mode: "update" });

function errors(schema: typeof create, input: Record<string, unknown>): Record<string, string> {
  const r = schema.safeParse(input);
  if (r.success) throw new Error(`accepted: ${JSON.stringify(r.data)}`);
  return zodFieldErrors(r.error);
}

describe("buildCustomerInputSchema", () => {
  it("splits standard columns and custom attributes, normalizing each value", () => {
    const out = create.parse({
      email: "ADA@Example.com",
      externalId: " C-1 ",
      firstName: "Ada",
      tags: "VIP;b2b",
      emailOptIn: "yes",
      income: "1,200.5",
      birthDate: "1990-05-31",
      signedUpAt: "2026-01-01 10:00",
      "custom.interests": "yoga;running",
      "custom.points": "12",
      "custom.joined": "",
    });
    expect(out.columns).toEqual({
      email: "ada@example.com",
      externalId: "C-1",
      firstName: "Ada",
      tags: ["vip", "b2b"],
      emailOptIn: true,
      income: "1200.50",
      birthDate: "1990-05-31",
      signedUpAt: new Date("2026-01-01T10:00:00Z"),
    });
    expect(out.attributes).toEqual({ interests: ["yoga", "running"], points: 12, joined: null });
  });

  it("leaves out keys the input did not give (partial updates); empty tags are no tags, an empty opt-in is never asked (null)", () => {
    expect(update.parse({ city: "Kraków" })).toEqual({ columns: { city: "Kraków" }, attributes: {} });
    expect(update.parse({ tags: "", emailOptIn: "" })).toEqual({ columns: { tags: [], emailOptIn: null }, attributes: {} });
    for (const [cell, value] of [["no", false], ["0", false], ["false", false], ["Yes", true], ["1", true], ["TRUE", true]] as const) {
      expect(update.parse({ emailOptIn: cell }).columns.emailOptIn, cell).toBe(value);
    }
  });

  it("reports every bad field at its own key", () => {
    expect(
      errors(create, {
        email: "not-an-email",
        companySize: "-3",
        gender: "robot",
        "custom.interests": "chess",
        "custom.points": "1,5",
      }),
    ).toEqual({
      email: '"not-an-email" is not a valid email address.',
      companySize: "Company size cannot be negative.",
      gender: '"robot" is not an option of Gender. Choose one of: Female, Male, Other.',
      "custom.interests": '"chess" is not an option of Interests. Choose one of: Running, Yoga.',
      "custom.points": '"1,5" is not a number in English format (1,234.56): there "," separates thousands and "." marks decimals.',
    });
  });

  it("requires an email or an external id on create", () => {
    expect(errors(create, { firstName: "Ada" })).toEqual({ email: "Enter an email or an external ID: a customer needs at least one." });
    expect(errors(create, { email: "", externalId: " " })).toHaveProperty("email");
    expect(create.parse({ externalId: "X1" }).columns.externalId).toBe("X1");
    expect(errors(update, { email: "", externalId: "" })).toHaveProperty("email");
    expect(update.parse({ email: "" }).columns).toEqual({ email: null });
  });

  it("refuses derived, archived, unknown and createdAt keys", () => {
    expect(errors(create, { email: "a@b.co", totalSpent: "10", ordersCount: 1, createdAt: "2026-01-01", "custom.old_score": 3, "custom.nope": 1, shoeSize: 44 })).toEqual({
      totalSpent: "Total spent is computed by Segmenta and cannot be set.",
      ordersCount: "Orders is computed by Segmenta and cannot be set.",
      createdAt: "Created is computed by Segmenta and cannot be set.",
      "custom.old_score": "Old score is archived: unarchive it to change its values.",
      "custom.nope": 'There is no custom field "nope" in this workspace.',
      shoeSize: '"shoeSize" is not a customer field.',
    });
  });

  it("refuses input that is not an object", () => {
    expect(create.safeParse("email=a@b.co").success).toBe(false);
    expect(create.safeParse(null).success).toBe(false);
  });

  it("is a zod schema usable inside other schemas", () => {
    const wrapper = z.object({ values: create });
    const r = wrapper.safeParse({ values: { email: "bad" } });
    expect(r.success).toBe(false);
    if (!r.success) expect(zodFieldErrors(r.error)).toEqual({ "values.email": '"bad" is not a valid email address.' });
  });
});

describe("customerInputTargets", () => {
  it("lists externalId, the writable standard fields and active custom fields", () => {
    const keys = customerInputTargets(catalog).map((t) => t.key);
    expect(keys[0]).toBe(EXTERNAL_ID_KEY);
    expect(keys).toContain("email");
    expect(keys).toContain("custom.interests");
    expect(keys).not.toContain("custom.old_score");
    for (const derived of ["age", "ordersCount", "totalSpent", "createdAt", "lastOrderAt"]) expect(keys).not.toContain(derived);
    expect(keys.filter((k) => !k.startsWith("custom.")).sort()).toEqual([...WRITABLE_COLUMNS].sort());
  });
});
