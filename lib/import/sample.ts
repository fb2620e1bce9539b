/**
 * The sample CSV of an import type: a header naming every column the import can fill (labels, so
 * the mapping step matches each by name, custom fields included) and two example rows written the
 * way the import reads them. Pure.
 */
import { CSV_BOM, csvRecord } from "@/lib/customers/export-csv";
import type { FieldType } from "@/lib/fields/types";
import type { ImportTarget, ImportType } from "./targets";

// Two examples for the fields whose type alone says too little.
const EXAMPLES: Readonly<Record<string, readonly [string, string]>> = {
  externalId: ["C-1001", "C-1002"],
  email: ["ada@example.com", "grace@example.com"],
  customerEmail: ["ada@example.com", "grace@example.com"],
  customerExternalId: ["C-1001", "C-1002"],
  firstName: ["Ada", "Grace"],
  lastName: ["Lovelace", "Hopper"],
  phone: ["+44 20 7946 0018", "+1 212 555 0199"],
  birthDate: ["1985-12-10", "1990-06-21"],
  country: ["GB", "United States"],
  city: ["London", "New York"],
  region: ["England", "New York"],
  language: ["en-GB", "en-US"],
  company: ["Analytical Engines Ltd", "Compiler Labs"],
  jobTitle: ["Head of analytics", "Engineer"],
  industry: ["Software", "Research"],
  companySize: ["250", "1,200"],
  income: ["54,700", "61,250.50"],
  tags: ["vip;newsletter", "b2b"],
  signedUpAt: ["2024-01-13 09:30", "2024-03-02 14:05"],
  lastSeenAt: ["2026-11-20 18:12", "2026-10-02 08:45"],
  orderId: ["O-1001", "O-1002"],
  placedAt: ["2026-11-20 18:12", "2026-11-21 09:03"],
  total: ["129.90", "1,049.00"],
  currency: ["EUR", "USD"],
  itemSku: ["SKU-RUN-42", "SKU-DESK-01"],
  itemName: ["Running shoes", "Standing desk"],
  itemCategory: ["Sport", "Office"],
  itemQuantity: ["1", "2"],
  itemUnitPrice: ["129.90", "524.50"],
  name: ["product_viewed", "cart_abandoned"],
  occurredAt: ["2026-11-20 18:12", "2026-11-21 09:03"],
};

const BY_TYPE: Readonly<Record<FieldType, readonly [string, string]>> = {
  text: ["Example", "Another example"],
  number: ["120", "1,500"],
  money: ["19.99", "1,250.00"],
  date: ["2024-05-01", "2025-02-14"],
  datetime: ["2026-11-20 18:12", "2026-11-21 09:03"],
  boolean: ["yes", "no"],
  select: ["", ""],
  multiselect: ["", ""],
  tags: ["vip", "newsletter"],
};

function example(target: ImportTarget, row: 0 | 1): string {
  const given = EXAMPLES[target.key];
  if (given) return given[row];
  const options = target.options ?? [];
  if (target.type === "select") return options.length > 0 ? options[row % options.length].label : "";
  if (target.type === "multiselect") return options.slice(row, row + 2).map((o) => o.label).join(";");
  return BY_TYPE[target.type][row];
}

/** The sample file: a BOM, the header (target labels; events add a "page_url" property) and two example rows. */
export function sampleCsv(type: ImportType, targets: readonly ImportTarget[]): string {
  const header = targets.map((t) => t.label);
  const rows = ([0, 1] as const).map((row) => targets.map((t) => example(t, row)));
  if (type === "events") {
    header.push("page_url");
    rows[0].push("https://shop.example.com/p/running-shoes");
    rows[1].push("https://shop.example.com/cart");
  }
  return CSV_BOM + [header, ...rows].map(csvRecord).join("");
}
