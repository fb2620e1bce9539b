/**
 * Reading an orders file: each row is an order, or one line of an order when rows share an
 * orderId. Rows are parsed with the catalog's parseFieldValue; rows of one order are merged into
 * a draft (customer, date, total — given, or the sum of the items). Pure.
 */
import crypto from "node:crypto";
import { MAX_NUMBER } from "@/lib/customers/values";
import { compareDecimal, multiplyDecimal, sumDecimals } from "@/lib/segments/decimal";
import type { CsvRow } from "./csv";
import type { CellProblem, ImportPlan, PlannedColumn } from "./plan";
import { parseCell, rawCell, type RowError, type RowResult } from "./rows";

/** How a row names its customer. */
export interface CustomerRef {
  email: string | null;
  externalId: string | null;
}

export interface OrderItemDraft {
  sku: string | null;
  name: string;
  category: string | null;
  quantity: number;
  unitPrice: string;
}

/** One valid row of an orders file. */
export interface OrderLine {
  rowNumber: number;
  /** The order it belongs to: its orderId, or a key derived from the row when no orderId column is mapped. */
  key: string;
  customer: CustomerRef;
  placedAt: Date | null;
  total: string | null;
  currency: string | null;
  status: string | null;
  item: OrderItemDraft | null;
}

const ITEM_TARGETS = ["itemSku", "itemName", "itemCategory", "itemQuantity", "itemUnitPrice"] as const;
const KEY_TARGETS = ["customerEmail", "customerExternalId", "placedAt", "total", "currency", "status", ...ITEM_TARGETS] as const;
const MAX_QUANTITY = 1_000_000;

/** A row reader for an orders plan; it is stateful (derived keys count repeated rows), so feed it every row in file order. */
export interface OrderRowReader {
  read(row: CsvRow): RowResult<OrderLine>;
  /** Keys of rows read before a resumed run, so derived keys stay the same. */
  skip(row: CsvRow): void;
}

function problem(row: CsvRow, column: PlannedColumn, reason: string): CellProblem {
  return { column: column.header, value: rawCell(row, column).trim(), reason };
}

/**
 * The reader: orderId when mapped; otherwise each row is its own order keyed "auto-<hash of the
 * mapped cells>" (with "-2", "-3" … for identical rows), so importing the file again finds them.
 */
export function orderRowReader(plan: ImportPlan, timeZone: string): OrderRowReader {
  const idColumn = plan.column("orderId");
  const seen = new Map<string, number>();
  const options = { timeZone };
  const keyOf = (row: CsvRow): string => {
    if (idColumn) return rawCell(row, idColumn).trim();
    const cells = KEY_TARGETS.map((k) => plan.column(k)).map((c) => (c ? rawCell(row, c).trim() : ""));
    const hash = crypto.createHash("sha256").update(JSON.stringify(cells)).digest("hex").slice(0, 24);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return n === 1 ? `auto-${hash}` : `auto-${hash}-${n}`;
  };

  function read(row: CsvRow): RowResult<OrderLine> {
    const key = keyOf(row);
    const problems: CellProblem[] = [];
    const values = new Map<string, unknown>();
    for (const column of plan.columns) {
      const cell = parseCell(row, column, options);
      if (cell.ok) values.set(column.target.key, cell.value);
      else problems.push(cell.problem);
    }
    const text = (k: string) => (values.get(k) ?? null) as string | null;
    if (idColumn && key === "") problems.push(problem(row, idColumn, "Order ID is empty: every row needs the id of its order."));
    const customer = { email: text("customerEmail"), externalId: text("customerExternalId") };
    const customerColumn = plan.column("customerEmail") ?? plan.column("customerExternalId")!;
    if (!customer.email && !customer.externalId && !problems.some((p) => p.column === customerColumn.header)) {
      problems.push(problem(row, customerColumn, "The customer is missing: give the customer's email or external ID."));
    }
    const currency = text("currency")?.toUpperCase() ?? null;
    if (currency !== null && !/^[A-Z]{3}$/.test(currency)) problems.push(problem(row, plan.column("currency")!, `"${currency}" is not a currency code. Use three letters such as USD, EUR or PLN.`));
    const item = readItem(row, plan, values, problems);
    if (problems.length > 0) return { ok: false, rowNumber: row.rowNumber, problems };
    const placedAt = (values.get("placedAt") ?? null) as Date | null;
    return { ok: true, row: { rowNumber: row.rowNumber, key, customer, placedAt, total: text("total"), currency, status: text("status"), item } };
  }
  return { read, skip: (row) => void keyOf(row) };
}

function readItem(row: CsvRow, plan: ImportPlan, values: Map<string, unknown>, problems: CellProblem[]): OrderItemDraft | null {
  const present = ITEM_TARGETS.filter((k) => values.get(k) !== null && values.get(k) !== undefined);
  if (present.length === 0) return null;
  const text = (k: string) => (values.get(k) ?? null) as string | null;
  const name = text("itemName") ?? text("itemSku");
  const firstItemColumn = ITEM_TARGETS.map((k) => plan.column(k)).find((c) => c)!;
  if (!name) problems.push(problem(row, plan.column("itemName") ?? firstItemColumn, "An order line needs an item name or SKU."));
  const quantity = (values.get("itemQuantity") ?? 1) as number;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) {
    problems.push(problem(row, plan.column("itemQuantity")!, `Item quantity must be a whole number from 1 to ${MAX_QUANTITY.toLocaleString("en-US")}.`));
  }
  const unitPrice = text("itemUnitPrice");
  if (unitPrice === null) problems.push(problem(row, plan.column("itemUnitPrice") ?? firstItemColumn, "An order line needs its unit price."));
  if (!name || unitPrice === null) return null;
  return { sku: text("itemSku"), name, category: text("itemCategory"), quantity, unitPrice };
}

/** An order ready to write: merged from its rows. */
export interface OrderDraft {
  key: string;
  rowNumbers: number[];
  customer: CustomerRef;
  placedAt: Date;
  total: string;
  currency: string | null;
  status: string | null;
  items: OrderItemDraft[];
}

function failGroup(lines: readonly OrderLine[], column: string | null, reason: string): RowError[] {
  return lines.map((l) => ({ rowNumber: l.rowNumber, column, value: null, reason }));
}

const sameCustomer = (a: CustomerRef, b: CustomerRef) => a.email === b.email && a.externalId === b.externalId;

/**
 * Merges the rows of one order: they must agree on the customer and the date (the first non-empty
 * value of each other field wins); the total is the given one, else the sum of the items.
 */
export function mergeOrder(plan: ImportPlan, lines: readonly OrderLine[]): { ok: true; order: OrderDraft } | { ok: false; errors: RowError[] } {
  const first = lines[0];
  const header = (k: string) => plan.column(k)?.header ?? null;
  const rows = lines.map((l) => l.rowNumber).join(", ");
  if (lines.some((l) => !sameCustomer(l.customer, first.customer))) {
    return { ok: false, errors: failGroup(lines, header("customerEmail") ?? header("customerExternalId"), `The rows of order "${first.key}" (rows ${rows}) name different customers.`) };
  }
  const dates = [...new Set(lines.flatMap((l) => (l.placedAt ? [l.placedAt.getTime()] : [])))];
  if (dates.length === 0) return { ok: false, errors: failGroup(lines, header("placedAt"), "Placed at is empty: every order needs its date.") };
  if (dates.length > 1) return { ok: false, errors: failGroup(lines, header("placedAt"), `The rows of order "${first.key}" (rows ${rows}) give different dates.`) };
  const items = lines.flatMap((l) => (l.item ? [l.item] : []));
  const given = lines.find((l) => l.total !== null)?.total ?? null;
  const total = given ?? (items.length > 0 ? sumDecimals(items.map((i) => multiplyDecimal(i.unitPrice, i.quantity))) : null);
  if (total === null) return { ok: false, errors: failGroup(lines, header("total"), "The order has no total and no item prices to add up.") };
  if (compareDecimal(total, MAX_NUMBER.income) > 0) return { ok: false, errors: failGroup(lines, header("total"), "The order total is too large to store.") };
  return {
    ok: true,
    order: {
      key: first.key,
      rowNumbers: lines.map((l) => l.rowNumber),
      customer: first.customer,
      placedAt: new Date(dates[0]),
      total,
      currency: lines.find((l) => l.currency)?.currency ?? null,
      status: lines.find((l) => l.status)?.status ?? null,
      items,
    },
  };
}
