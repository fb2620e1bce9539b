import { describe, expect, it } from "vitest";
import { buildCatalog } from "@/lib/fields/catalog";
import { customerRowReader } from "./customer-rows";
import { eventRowReader, propertyValue } from "./event-rows";
import { mergeOrder, orderRowReader, type OrderLine } from "./order-rows";
import { detectNumberFormat } from "./numbers";
import { buildPlan, cellText, type ImportPlan } from "./plan";
import { extraValuesProblem } from "./rows";
import type { ImportChoices } from "./schemas";
import { targetsFor, type ImportType } from "./targets";

const catalog = buildCatalog([
  { key: "interests", label: "Interests", type: "multiselect", options: [{ key: "running", label: "Running" }, { key: "yoga", label: "Yoga" }] },
  { key: "points", label: "Points", type: "number" },
]);
const TZ = "Europe/Warsaw";

function plan(type: ImportType, headers: string[], columns: ImportChoices["columns"], rest: Partial<ImportChoices> = {}): ImportPlan {
  return buildPlan(type, headers, { columns, match: "email", onExisting: "update", ...rest }, targetsFor(type, catalog));
}
const row = (rowNumber: number, ...cells: string[]) => ({ rowNumber, cells });

describe("buildPlan", () => {
  const headers = ["Mail", "ID", "Name", "When"];
  it("names every problem at once", () => {
    expect(() => plan("customers", headers, [{ index: 0, target: "email" }, { index: 1, target: "email" }, { index: 2, target: "shoeSize" }, { index: 9, target: "city" }])).toThrow(
      ['"Mail" and "ID" both map to Email: map one of them to something else or skip it.', '"Name" maps to "shoeSize", which is not something a customers import can fill.', "The file has 4 columns; there is no column 10."].join("\n"),
    );
  });

  it("requires the match key, the customer of orders and events, and their dates", () => {
    expect(() => plan("customers", headers, [{ index: 1, target: "externalId" }])).toThrow(/Rows are matched on Email, so map a column to Email/);
    expect(() => plan("orders", headers, [{ index: 0, target: "orderId" }])).toThrow(/Customer email or Customer external ID[\s\S]*Placed at[\s\S]*Total or to Item unit price/);
    expect(() => plan("events", headers, [{ index: 0, target: "customerEmail" }])).toThrow(/Event name[\s\S]*Occurred at/);
    expect(() => plan("events", headers, [{ index: 0, target: "customerEmail" }, { index: 2, target: "name" }, { index: 3, target: "occurredAt" }, { index: 1, target: "properties.a.b" }])).toThrow(/cannot contain "."/);
  });

  it("rewrites date cells from the column's format, date-times into the workspace zone", () => {
    const p = plan("customers", ["email", "born", "joined"], [
      { index: 0, target: "email" },
      { index: 1, target: "birthDate", dateFormat: "DD.MM.YYYY" },
      { index: 2, target: "signedUpAt", dateFormat: "MM/DD/YYYY" },
    ]);
    const [, born, joined] = p.columns;
    expect(cellText(born, " 31.01.1990 ", TZ)).toEqual({ ok: true, text: "1990-01-31" });
    expect(cellText(born, "31.01.1990 00:00", TZ)).toEqual({ ok: true, text: "1990-01-31" });
    expect(cellText(joined, "07/01/2024 2:30 PM", TZ)).toEqual({ ok: true, text: "2024-07-01T12:30:00.000Z" });
    expect(cellText(joined, "2024-07-01T12:30:00Z", TZ)).toMatchObject({ ok: false, problem: { column: "joined", reason: '"2024-07-01T12:30:00Z" is not a date and time in the format MM/DD/YYYY.' } });
    expect(cellText(joined, "", TZ)).toEqual({ ok: true, text: "" });
  });

  it("rewrites number cells from the column's format to plain numbers, asking when a value reads two ways", () => {
    const p = plan("customers", ["email", "income", "points", "score"], [
      { index: 0, target: "email" },
      { index: 1, target: "income" },
      { index: 2, target: "custom.points", numberFormat: "," },
      { index: 3, target: "companySize", numberFormat: "ask" },
    ]);
    const [, income, points, size] = p.columns;
    expect(cellText(income, "54,700", TZ)).toEqual({ ok: true, text: "54700" });
    expect(cellText(income, "1,234.50", TZ)).toEqual({ ok: true, text: "1234.50" });
    expect(cellText(income, "54 700", TZ)).toEqual({ ok: true, text: "54700" });
    expect(cellText(points, "54.700", TZ)).toEqual({ ok: true, text: "54700" });
    expect(cellText(points, "54,7", TZ)).toEqual({ ok: true, text: "54.7" });
    expect(cellText(size, "12 000", TZ)).toEqual({ ok: true, text: "12000" });
    expect(cellText(size, "1.234", TZ)).toMatchObject({ ok: false, problem: { column: "score", reason: 'Is "1.234" 1,234 or 1.234? Choose how this column writes numbers: 1,234.56 or 1.234,56.' } });
  });
});

describe("detectNumberFormat", () => {
  it("keeps English unless the values show a decimal comma or use both marks the ambiguous way", () => {
    expect(detectNumberFormat(["54,700", "12.5", "1,234.50"])).toEqual({ format: ".", point: 2, comma: 0, unclear: 1 });
    expect(detectNumberFormat(["54,700", "1,500"])).toMatchObject({ format: "." });
    expect(detectNumberFormat(["12,5", "1,500"])).toMatchObject({ format: "ask", comma: 1, unclear: 1 });
    expect(detectNumberFormat(["1,500", "1.234"])).toMatchObject({ format: "ask", unclear: 2 });
    expect(detectNumberFormat(["n/a", "none"])).toBeNull();
  });
});

describe("customerRowReader", () => {
  const headers = ["Email", "Tags", "Points", "Interests", "Opt in", "Signed up"];
  const p = plan("customers", headers, [
    { index: 0, target: "email" }, { index: 1, target: "tags" }, { index: 2, target: "custom.points" }, { index: 3, target: "custom.interests" },
    { index: 4, target: "emailOptIn" }, { index: 5, target: "signedUpAt", dateFormat: "DD-MM-YYYY" },
  ]);
  const read = customerRowReader(p, catalog, TZ);

  it("parses a row with the customer schema's cell conventions", () => {
    expect(read(row(2, "Ada@Example.com", "VIP; b2b", "12.5", "yoga;Running", "YES", "13-01-2024 09:30"))).toEqual({
      ok: true,
      row: {
        rowNumber: 2,
        key: "ada@example.com",
        write: {
          columns: { email: "ada@example.com", tags: ["vip", "b2b"], emailOptIn: true, signedUpAt: new Date("2024-01-13T08:30:00.000Z") },
          attributes: { points: 12.5, interests: ["yoga", "running"] },
        },
      },
    });
  });

  it("reports each bad cell with its column, value and reason", () => {
    const result = read(row(7, "not-an-email", "", "1,5", "chess", "maybe", "31-02-2024"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rowNumber).toBe(7);
    expect(result.problems.map((p) => [p.column, p.value])).toEqual([
      ["Points", "1,5"], ["Signed up", "31-02-2024"], ["Email", "not-an-email"], ["Interests", "chess"], ["Opt in", "maybe"],
    ]);
    expect(result.problems[1].reason).toBe('"31-02-2024" is not a date and time in the format DD-MM-YYYY.');
  });

  it("requires the match key", () => {
    const byId = plan("customers", ["Email", "ID"], [{ index: 0, target: "email" }, { index: 1, target: "externalId" }], { match: "externalId" });
    const result = customerRowReader(byId, catalog, TZ)(row(3, "a@b.co", ""));
    expect(result).toEqual({ ok: false, rowNumber: 3, problems: [{ column: "ID", value: "", reason: "External ID is empty: rows are matched on external id, so every row needs one." }] });
  });

  it("refuses rows with more values than columns, but not a trailing delimiter", () => {
    expect(extraValuesProblem(row(4, "a", "b", ""), 2)).toBeNull();
    expect(extraValuesProblem(row(4, "a", "b", "c"), 2)).toMatchObject({ ok: false, rowNumber: 4, problems: [{ value: "c" }] });
  });
});

describe("orders", () => {
  const headers = ["Order", "Email", "Date", "Total", "SKU", "Item", "Qty", "Price", "Status"];
  const columns = headers.map((_, index) => ({ index, target: ["orderId", "customerEmail", "placedAt", "total", "itemSku", "itemName", "itemQuantity", "itemUnitPrice", "status"][index] }));
  const p = plan("orders", headers, columns);
  const lines = (rows: string[][]): OrderLine[] => {
    const reader = orderRowReader(p, TZ);
    return rows.map((cells, i) => {
      const r = reader.read(row(i + 2, ...cells));
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      return r.row;
    });
  };

  it("merges the lines of an order, computing the total from the items", () => {
    const merged = mergeOrder(p, lines([
      ["A1", "ada@example.com", "2024-01-31 10:00", "", "S1", "Shoe", "2", "10.50", ""],
      ["A1", "ADA@example.com", "", "", "", "Sock", "", "3", "Refunded"],
    ]));
    expect(merged).toEqual({
      ok: true,
      order: {
        key: "A1", rowNumbers: [2, 3], customer: { email: "ada@example.com", externalId: null }, placedAt: new Date("2024-01-31T09:00:00.000Z"),
        total: "24.00", currency: null, status: "refunded",
        items: [{ sku: "S1", name: "Shoe", category: null, quantity: 2, unitPrice: "10.50" }, { sku: null, name: "Sock", category: null, quantity: 1, unitPrice: "3.00" }],
      },
    });
  });

  it("fails an order whose rows disagree or which has no total", () => {
    const conflict = mergeOrder(p, lines([["A2", "a@x.io", "2024-01-01", "5", "", "", "", "", ""], ["A2", "b@x.io", "2024-01-01", "", "", "", "", "", ""]]));
    expect(conflict).toMatchObject({ ok: false, errors: [{ rowNumber: 2, reason: 'The rows of order "A2" (rows 2, 3) name different customers.' }, { rowNumber: 3 }] });
    const noTotal = mergeOrder(p, lines([["A3", "a@x.io", "2024-01-01", "", "", "", "", "", ""]]));
    expect(noTotal).toMatchObject({ ok: false, errors: [{ column: "Total", reason: "The order has no total and no item prices to add up." }] });
  });

  it("checks lines: a quantity, a price and a name", () => {
    const reader = orderRowReader(p, TZ);
    const bad = reader.read(row(5, "A4", "a@x.io", "2024-01-01", "", "", "Hat", "0.5", "", "lost"));
    expect(bad.ok ? [] : bad.problems.map((x) => x.column)).toEqual(["Status", "Qty", "Price"]);
  });

  it("derives a stable key per row when no order id is mapped, numbering identical rows", () => {
    const noId = plan("orders", ["Email", "Date", "Total"], [{ index: 0, target: "customerEmail" }, { index: 1, target: "placedAt" }, { index: 2, target: "total" }]);
    const keys = (reader: ReturnType<typeof orderRowReader>) =>
      [row(2, "a@x.io", "2024-01-01", "5"), row(3, "a@x.io", "2024-01-01", "5"), row(4, "b@x.io", "2024-01-01", "5")].map((r) => {
        const result = reader.read(r);
        return result.ok ? result.row.key : "";
      });
    const first = keys(orderRowReader(noId, TZ));
    expect(first[0]).toMatch(/^auto-[0-9a-f]{24}$/);
    expect(first[1]).toBe(`${first[0]}-2`);
    expect(first[2]).not.toBe(first[0]);
    expect(keys(orderRowReader(noId, TZ))).toEqual(first);
  });
});

describe("events", () => {
  const p = plan("events", ["Email", "Event", "At", "page", "price", "new"], [
    { index: 0, target: "customerEmail" }, { index: 1, target: "name" }, { index: 2, target: "occurredAt" },
    { index: 3, target: "properties.page" }, { index: 4, target: "properties.price" }, { index: 5, target: "properties.new" },
  ]);
  const read = eventRowReader(p, TZ);

  it("types property values and drops empty ones", () => {
    expect(propertyValue("12.50")).toBe(12.5);
    expect(propertyValue("007")).toBe("007");
    expect(propertyValue("TRUE")).toBe(true);
    expect(read(row(2, "a@x.io", "product_viewed", "2024-05-01 12:00", "/shoes", "59.9", ""))).toEqual({
      ok: true,
      row: { rowNumber: 2, customer: { email: "a@x.io", externalId: null }, name: "product_viewed", occurredAt: new Date("2024-05-01T10:00:00.000Z"), properties: { page: "/shoes", price: 59.9 } },
    });
  });

  it("requires a customer, a name and a time", () => {
    const result = read(row(3, "", "", "", "", "", ""));
    expect(result.ok ? [] : result.problems.map((x) => x.column)).toEqual(["Email", "Event", "At"]);
  });
});
