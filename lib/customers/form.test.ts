import { describe, expect, it } from "vitest";
import { buildCatalog } from "@/lib/fields/catalog";
import { customerFormSections, customerFormValues, datetimeLocalValue } from "./form";
import { buildCustomerInputSchema } from "./schemas";
import type { CustomerRecord } from "./types";

const catalog = buildCatalog([
  { key: "interests", label: "Interests", type: "multiselect", options: [{ key: "yoga", label: "Yoga" }, { key: "golf", label: "Golf" }] },
  { key: "vip", label: "VIP", type: "boolean" },
  { key: "old", label: "Old", type: "text", archived: true },
]);
const sections = customerFormSections(catalog);
const specs = sections.flatMap((s) => s.fields);

const customer: CustomerRecord = {
  id: "c1", externalId: "X-1", email: "ada@example.com", firstName: "Ada", lastName: null, phone: null, birthDate: "1990-05-31",
  gender: "female", country: "PL", city: null, region: null, language: "en-GB", company: null, jobTitle: null, industry: null,
  companySize: 12, income: "5000.00", maritalStatus: null, education: null, lifecycleStage: "lead", tags: ["vip", "b2b"], emailOptIn: true,
  source: null, signedUpAt: new Date("2026-03-29T01:30:00Z"), lastSeenAt: null, attributes: { interests: ["golf"], vip: false, old: "kept" },
  ordersCount: 3, totalSpent: "10.00", averageOrderValue: "3.33", firstOrderAt: null, lastOrderAt: null,
  createdAt: new Date(), updatedAt: new Date(),
  emailOptInChangedAt: null, emailOptInSource: null, emailOptInChangedById: null, emailOptInImportJobId: null,
};

describe("customerFormSections", () => {
  it("groups writable fields like the catalog, externalId first, without derived or archived fields", () => {
    expect(sections.map((s) => s.group)).toEqual(["Profile", "Location", "Company", "Activity", "Custom"]);
    expect(specs[0].key).toBe("externalId");
    const keys = specs.map((s) => s.key);
    for (const hidden of ["age", "ordersCount", "totalSpent", "createdAt", "custom.old"]) expect(keys).not.toContain(hidden);
    expect(Object.fromEntries(specs.map((s) => [s.key, s.control]))).toMatchObject({
      email: "email", income: "decimal", birthDate: "date", signedUpAt: "datetime", emailOptIn: "consent", gender: "select",
      country: "select", tags: "tags", "custom.interests": "multiselect", "custom.vip": "yesno",
    });
    expect(specs.find((s) => s.key === "country")?.options?.find((o) => o.key === "PL")?.label).toBe("Poland");
  });
});

describe("customerFormValues", () => {
  it("turns a record into form values that the input schema reads back to the same record", () => {
    const values = customerFormValues(sections, customer, "Europe/Warsaw");
    expect(values).toMatchObject({
      externalId: "X-1", email: "ada@example.com", lastName: "", companySize: "12", income: "5000.00", tags: "vip; b2b",
      emailOptIn: "true", signedUpAt: "2026-03-29T03:30", "custom.interests": ["golf"], "custom.vip": "false", birthDate: "1990-05-31",
    });
    const write = buildCustomerInputSchema(catalog, { timeZone: "Europe/Warsaw", mode: "update" }).parse(values);
    expect(write.columns).toMatchObject({ email: "ada@example.com", emailOptIn: true, companySize: 12, income: "5000.00", tags: ["vip", "b2b"], signedUpAt: customer.signedUpAt });
    expect(write.attributes).toEqual({ interests: ["golf"], vip: false });
  });

  it("gives empty values for a new customer", () => {
    const values = customerFormValues(sections, null, "UTC");
    expect(values).toMatchObject({ email: "", emailOptIn: "", "custom.interests": [], "custom.vip": "" });
  });

  it("shows consent in three states and reads each back (never asked is the empty value)", () => {
    for (const [stored, shown] of [[true, "true"], [false, "false"], [null, ""]] as const) {
      const values = customerFormValues(sections, { ...customer, emailOptIn: stored }, "UTC");
      expect(values.emailOptIn).toBe(shown);
      const write = buildCustomerInputSchema(catalog, { timeZone: "UTC", mode: "update" }).parse({ emailOptIn: values.emailOptIn });
      expect(write.columns.emailOptIn).toBe(stored);
    }
  });

  it("formats instants for datetime-local inputs in the zone", () => {
    expect(datetimeLocalValue(new Date("2026-07-01T22:05:00Z"), "Europe/Warsaw")).toBe("2026-07-02T00:05");
  });
});
