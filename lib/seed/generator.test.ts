import { describe, expect, it } from "vitest";
import { COUNTRIES } from "./data/countries";
import { SEED_CUSTOM_FIELDS } from "./custom-fields";
import { computeOrderStats } from "./orders";
import { createGenerator, type GeneratedCustomer } from "./generator";

const NOW = Date.parse("2026-11-25T12:00:00Z");
const DAY = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function ageAt(birthDate: string, now: number): number {
  const birth = new Date(`${birthDate}T00:00:00Z`);
  const at = new Date(now);
  let age = at.getUTCFullYear() - birth.getUTCFullYear();
  if (at.getUTCMonth() < birth.getUTCMonth() || (at.getUTCMonth() === birth.getUTCMonth() && at.getUTCDate() < birth.getUTCDate())) age--;
  return age;
}

describe("generator determinism", () => {
  it("gives identical customers for the same seed and now", () => {
    const a = createGenerator({ seed: 7, now: NOW }).chunk(0, 40);
    const b = createGenerator({ seed: 7, now: NOW }).chunk(0, 40);
    expect(b).toEqual(a);
  });

  it("does not depend on how the index range is chunked", () => {
    const generator = createGenerator({ seed: 7, now: NOW });
    const whole = generator.chunk(0, 60);
    const pieces = [...generator.chunk(0, 17), ...createGenerator({ seed: 7, now: NOW }).chunk(17, 43)];
    expect(pieces).toEqual(whole);
    expect(createGenerator({ seed: 7, now: NOW }).customer(42)).toEqual(whole[42]);
  });

  it("gives different data for another seed", () => {
    const a = createGenerator({ seed: 1, now: NOW }).chunk(0, 20);
    const b = createGenerator({ seed: 2, now: NOW }).chunk(0, 20);
    expect(b.map((c) => c.email)).not.toEqual(a.map((c) => c.email));
    expect(b[0].id).not.toEqual(a[0].id);
  });

  it("rejects a seed outside [0, 2^32)", () => {
    expect(() => createGenerator({ seed: -1, now: NOW })).toThrow(RangeError);
    expect(() => createGenerator({ seed: 1.5, now: NOW })).toThrow(RangeError);
  });
});

describe("generated data", () => {
  const customers: GeneratedCustomer[] = createGenerator({ seed: 11, now: NOW }).chunk(0, 10_000);

  it("has spend where the top 20% of customers bring 60–80% of revenue", () => {
    const spend = customers.map((c) => c.totalSpentCents).sort((x, y) => y - x);
    const total = spend.reduce((sum, s) => sum + s, 0);
    const top = spend.slice(0, spend.length / 5).reduce((sum, s) => sum + s, 0);
    expect(top / total).toBeGreaterThan(0.6);
    expect(top / total).toBeLessThan(0.8);
  });

  it("averages about ten orders and ten events per customer, with 1–4 items an order", () => {
    const orders = customers.flatMap((c) => c.orders);
    expect(orders.length / customers.length).toBeGreaterThan(8);
    expect(orders.length / customers.length).toBeLessThan(12);
    const events = customers.reduce((n, c) => n + c.events.length, 0);
    expect(events / customers.length).toBeGreaterThan(7);
    expect(events / customers.length).toBeLessThan(13);
    expect(orders.every((o) => o.items.length >= 1 && o.items.length <= 4)).toBe(true);
    expect(orders.every((o) => o.totalCents === o.items.reduce((s, i) => s + i.quantity * i.unitPriceCents, 0))).toBe(true);
    const statuses = new Set(orders.map((o) => o.status));
    expect([...statuses].sort()).toEqual(["cancelled", "paid", "pending", "refunded"]);
    expect(orders.filter((o) => o.status === "paid").length / orders.length).toBeGreaterThan(0.85);
  });

  it("computes the derived stats over paid orders only", () => {
    for (const c of customers.slice(0, 3_000)) {
      const paid = c.orders.filter((o) => o.status === "paid");
      expect(c.ordersCount).toBe(paid.length);
      expect(c.totalSpentCents).toBe(paid.reduce((s, o) => s + o.totalCents, 0));
      if (paid.length === 0) {
        expect([c.averageOrderValueCents, c.firstOrderAt, c.lastOrderAt]).toEqual([null, null, null]);
      } else {
        const exact = c.totalSpentCents / paid.length;
        expect(Math.abs(c.averageOrderValueCents! - exact)).toBeLessThanOrEqual(0.5);
        expect(c.firstOrderAt).toBe(Math.min(...paid.map((o) => o.placedAt)));
        expect(c.lastOrderAt).toBe(Math.max(...paid.map((o) => o.placedAt)));
      }
    }
  });

  it("rounds the average order value half up, as numeric does", () => {
    const order = (totalCents: number) => ({ id: "x", placedAt: NOW, status: "paid" as const, totalCents, items: [] });
    expect(computeOrderStats([order(100), order(101)]).averageOrderValueCents).toBe(101); // 100.5 → 101
    expect(computeOrderStats([order(100), order(100), order(101)]).averageOrderValueCents).toBe(100); // 100.33 → 100
    expect(computeOrderStats([{ ...order(500), status: "refunded" }])).toEqual({
      ordersCount: 0, totalSpentCents: 0, averageOrderValueCents: null, firstOrderAt: null, lastOrderAt: null,
    });
  });

  it("keeps lifecycle stages consistent with paid orders", () => {
    for (const c of customers) {
      if (c.ordersCount > 0) expect(["customer", "churned"]).toContain(c.lifecycleStage);
      else expect(["lead", "prospect"]).toContain(c.lifecycleStage);
    }
    const stages = new Set(customers.map((c) => c.lifecycleStage));
    expect(stages.size).toBe(4);
  });

  it("has unique lower-case emails, unique ids and lower-case tags", () => {
    expect(new Set(customers.map((c) => c.email)).size).toBe(customers.length);
    expect(new Set(customers.map((c) => c.externalId)).size).toBe(customers.length);
    const ids = customers.flatMap((c) => [c.id, ...c.orders.flatMap((o) => [o.id, ...o.items.map((i) => i.id)]), ...c.events.map((e) => e.id)]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => UUID.test(id))).toBe(true);
    expect(customers.filter((c) => !/^[a-z.]+[0-9]+@[a-z0-9.-]+$/.test(c.email))).toEqual([]);
    expect(customers.flatMap((c) => c.tags).filter((tag) => tag !== tag.toLowerCase())).toEqual([]);
  });

  it("has realistic demographics: ages 18–85, known countries and languages, ~20% B2B", () => {
    const codes = new Map(COUNTRIES.map((country) => [country.code, country]));
    const invalid = customers.filter((c) => {
      const age = ageAt(c.birthDate, NOW);
      const country = codes.get(c.country);
      return (
        age < 18 || age > 85 || !country ||
        !country.cities.some(([city, region]) => city === c.city && region === c.region) ||
        !country.languages.some(([tag]) => tag === c.language) ||
        !["female", "male", "other"].includes(c.gender) ||
        (c.company === null) !== (c.industry === null) || (c.company === null) !== (c.companySize === null)
      );
    });
    expect(invalid).toEqual([]);
    const ages = customers.map((c) => ageAt(c.birthDate, NOW));
    expect(Math.min(...ages)).toBe(18);
    expect(Math.max(...ages)).toBe(85);
    const b2b = customers.filter((c) => c.company !== null).length / customers.length;
    expect(b2b).toBeGreaterThan(0.17);
    expect(b2b).toBeLessThan(0.23);
    expect(codes.size).toBeGreaterThanOrEqual(15);
    expect(new Set(customers.map((c) => c.country)).size).toBe(codes.size);
  });

  it("places orders and events in the two years before now, after sign-up", () => {
    for (const c of customers.slice(0, 3_000)) {
      expect(c.signedUpAt).toBeLessThan(NOW);
      expect(c.lastSeenAt).toBeGreaterThanOrEqual(c.signedUpAt);
      expect(c.lastSeenAt).toBeLessThanOrEqual(NOW);
      for (const at of [...c.orders.map((o) => o.placedAt), ...c.events.map((e) => e.occurredAt)]) {
        expect(at).toBeGreaterThanOrEqual(Math.max(c.signedUpAt, NOW - 730 * DAY));
        expect(at).toBeLessThanOrEqual(NOW);
      }
    }
  });

  it("fills the custom fields with values their definitions allow", () => {
    const fields = new Map(SEED_CUSTOM_FIELDS.map((field) => [field.key, field]));
    const optionKeys = (key: string) => fields.get(key)!.options.map((o) => o.key);
    for (const c of customers.slice(0, 3_000)) {
      const a = c.attributes;
      for (const key of Object.keys(a)) expect(fields.has(key)).toBe(true);
      expect(optionKeys("preferred_device")).toContain(a.preferred_device);
      expect(optionKeys("favorite_category")).toContain(a.favorite_category);
      for (const interest of a.interests ?? []) expect(optionKeys("interests")).toContain(interest);
      if (a.loyalty_points !== undefined) expect(Number.isInteger(a.loyalty_points)).toBe(true);
      if (a.newsletter !== undefined) expect(typeof a.newsletter).toBe("boolean");
    }
    const eventNames = new Set(customers.flatMap((c) => c.events.map((e) => e.name)));
    expect([...eventNames].sort()).toEqual(["app_login", "cart_abandoned", "email_opened", "page_view", "product_viewed"]);
    for (const e of customers.slice(0, 500).flatMap((c) => c.events)) expect(() => JSON.parse(e.properties)).not.toThrow();
  });
});
