/**
 * Customers for the table and export tests, with an oracle: the expected order and search
 * matches computed in JS from the same data. Values are chosen to hit the edges: empty values
 * in every sortable column, ties (broken by id), a custom number stored with the wrong JSON type,
 * LIKE wildcards and a backslash in company names, CSV specials (comma, quote, line break).
 */
import crypto from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export const CUSTOM_FIELDS = [
  { key: "loyalty_points", label: "Loyalty points", type: "number" as const, options: [] },
  { key: "interests", label: "Interests", type: "multiselect" as const, options: [{ key: "music", label: "Music" }, { key: "travel", label: "Travel" }, { key: "chess", label: "Chess" }] },
  { key: "tier", label: "Tier", type: "select" as const, options: [{ key: "gold", label: "Gold" }, { key: "silver", label: "Silver" }] },
  { key: "vip", label: "VIP", type: "boolean" as const, options: [] },
  { key: "since", label: "Member since", type: "date" as const, options: [] },
  { key: "notes", label: "Notes", type: "text" as const, options: [] },
  { key: "old_code", label: "Old code", type: "text" as const, options: [], archived: true },
];

export interface FixtureCustomer {
  id: string;
  externalId: string | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  birthDate: string | null;
  totalSpent: string;
  ordersCount: number;
  lastOrderAt: Date | null;
  createdAt: Date;
  tags: string[];
  /** Email consent; null = never asked. */
  emailOptIn: boolean | null;
  attributes: Record<string, unknown>;
}

const FIRST = ["Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "Lina", "Emilia", "Niklaus"];
const LAST = ["Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "Lindqvist", "Kowalska", "Wirth", "Babbage"];
const COMPANY = ["Acme Corp", "Globex", "Initech", "100%_Club", "100xxClub", "Back\\slash", 'Quote "Q", Comma\nand Line'];

/** The i-th customer of the main workspace. */
function customer(i: number, domain: string): FixtureCustomer {
  const email = i % 9 === 0 ? null : `user${i}@${["gmail", "acme", "globex"][i % 3]}.${domain}`;
  const attributes: Record<string, unknown> = {};
  if (i % 4 === 1) attributes.loyalty_points = "not a number";
  else if (i % 4 !== 0) attributes.loyalty_points = (i * 7) % 50;
  if (i % 3 !== 0) attributes.interests = [["music"], ["travel", "music"], ["chess"]][i % 3];
  if (i % 5 !== 0) attributes.tier = i % 2 === 0 ? "gold" : "silver";
  if (i % 6 !== 0) attributes.vip = i % 2 === 0;
  if (i % 7 !== 0) attributes.since = `20${10 + (i % 15)}-0${1 + (i % 9)}-1${i % 10}`;
  if (i % 2 === 0) attributes.notes = i % 10 === 0 ? "=SUM(A1:A9)" : `note ${i}`;
  return {
    id: crypto.randomUUID(),
    externalId: i % 5 === 0 && email ? null : `EXT-${String(i).padStart(4, "0")}`,
    email,
    firstName: i % 13 === 0 ? null : FIRST[i % FIRST.length],
    lastName: i % 7 === 0 ? null : LAST[i % LAST.length],
    company: i % 4 === 0 ? null : COMPANY[i % COMPANY.length],
    birthDate: i % 8 === 0 ? null : `19${50 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`,
    totalSpent: `${(i % 6) * 100}.${i % 2 === 0 ? "00" : "50"}`,
    ordersCount: i % 6,
    lastOrderAt: i % 3 === 0 ? null : new Date(Date.UTC(2026, i % 12, 1 + (i % 27), i % 24)),
    // Two customers share a creation time: the id breaks the tie.
    createdAt: new Date(Date.UTC(2025, 0, 1) + (i === 11 ? 10 : i) * 3_600_000),
    tags: i % 4 === 2 ? ["vip", "newsletter"] : [],
    emailOptIn: i % 3 === 0 ? null : i % 2 === 0,
    attributes,
  };
}

/** Creates the custom fields and n customers in a workspace; returns the customers as stored. */
export async function seedCustomers(db: Db, workspaceId: string, n: number, domain = "example"): Promise<FixtureCustomer[]> {
  await db.prisma.customField.createMany({
    data: CUSTOM_FIELDS.map((f, position) => ({ workspaceId, key: f.key, label: f.label, type: f.type, options: f.options, archived: f.archived ?? false, position })),
    skipDuplicates: true,
  });
  const customers = Array.from({ length: n }, (_, i) => customer(i, domain));
  await db.prisma.customer.createMany({
    data: customers.map((c) => ({
      ...c,
      workspaceId,
      birthDate: c.birthDate ? new Date(`${c.birthDate}T00:00:00Z`) : null,
      averageOrderValue: c.ordersCount > 0 ? (Number(c.totalSpent) / c.ordersCount).toFixed(2) : null,
      attributes: c.attributes as Prisma.InputJsonValue,
    })),
  });
  return customers;
}

type Key = string | number | boolean | null;

/** The value a sort key orders by, as the SQL does (custom values of the wrong type are empty). */
function sortValue(c: FixtureCustomer, sort: string): Key[] {
  const attr = (key: string, type: "number" | "string" | "boolean") => (typeof c.attributes[key] === type ? (c.attributes[key] as Key) : null);
  switch (sort) {
    case "name":
      return [c.lastName, c.firstName];
    case "createdAt":
      return [c.createdAt.getTime()];
    case "lastOrderAt":
      return [c.lastOrderAt?.getTime() ?? null];
    case "totalSpent":
      return [Number(c.totalSpent)];
    case "custom.loyalty_points":
      return [attr("loyalty_points", "number")];
    case "custom.since":
      return [attr("since", "string")];
    case "custom.tier":
      return [attr("tier", "string")];
    case "custom.vip":
      return [attr("vip", "boolean")];
    case "custom.notes":
      return [attr("notes", "string")];
    default:
      return [(c as unknown as Record<string, Key>)[sort] ?? null];
  }
}

function compareKey(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return -1; // empty is lowest
  if (b === null) return 1;
  return a < b ? -1 : 1;
}

/** The ids in the table's order for a sort: empty values lowest, ties by id in the same direction (age: birth date reversed). */
export function expectedOrder(customers: readonly FixtureCustomer[], sort: string, direction: "asc" | "desc"): string[] {
  const sign = direction === "asc" ? 1 : -1;
  const sorted = [...customers].sort((a, b) => {
    if (sort === "age") {
      // Age ascending = birth date descending with empty first; the id follows the birth date.
      const ka = a.birthDate, kb = b.birthDate;
      if (ka !== kb) {
        if (ka === null) return -sign;
        if (kb === null) return sign;
        return (ka < kb ? 1 : -1) * sign;
      }
      return (a.id < b.id ? 1 : -1) * sign;
    }
    const [va, vb] = [sortValue(a, sort), sortValue(b, sort)];
    for (let i = 0; i < va.length; i++) {
      const c = compareKey(va[i], vb[i]);
      if (c !== 0) return c * sign;
    }
    return (a.id < b.id ? -1 : 1) * sign;
  });
  return sorted.map((c) => c.id);
}

/** Whether a customer matches a quick search, as the SQL decides it. */
export function matchesSearch(c: FixtureCustomer, search: string): boolean {
  const doc = [c.firstName, c.lastName, c.email, c.company, c.externalId].map((v) => v ?? "").join(" ").toLowerCase();
  const words = search.trim().split(/\s+/).filter(Boolean);
  return words.every((word) => {
    const w = word.toLowerCase();
    return [...w].length >= 3 ? doc.includes(w) : doc.startsWith(w) || doc.includes(` ${w}`);
  });
}
