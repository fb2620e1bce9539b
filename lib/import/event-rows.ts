/**
 * Reading an events file: the customer (email or external id), the event name, when it occurred
 * and any number of `properties.<name>` columns. Property cells become JSON numbers, booleans or
 * strings, so segment filters compare them by type. Pure.
 */
import type { CsvRow } from "./csv";
import type { CellProblem, ImportPlan } from "./plan";
import type { CustomerRef } from "./order-rows";
import { parseCell, rawCell, type RowResult } from "./rows";
import { propertyName } from "./targets";

/** One valid event row. */
export interface EventLine {
  rowNumber: number;
  customer: CustomerRef;
  name: string;
  occurredAt: Date;
  properties: Record<string, string | number | boolean>;
}

const NUMBER_RE = /^-?(0|[1-9]\d{0,14})(\.\d+)?$/;

/** A property cell as JSON: "12.5" → 12.5, "true" → true, anything else the trimmed text (leading zeros kept: "007"). */
export function propertyValue(text: string): string | number | boolean {
  if (NUMBER_RE.test(text)) return Number(text);
  const lower = text.toLowerCase();
  if (lower === "true" || lower === "false") return lower === "true";
  return text;
}

/** A reader of event rows for this plan. */
export function eventRowReader(plan: ImportPlan, timeZone: string): (row: CsvRow) => RowResult<EventLine> {
  const options = { timeZone };
  const customerColumn = plan.column("customerEmail") ?? plan.column("customerExternalId")!;
  return (row) => {
    const problems: CellProblem[] = [];
    const values = new Map<string, unknown>();
    const properties: Record<string, string | number | boolean> = {};
    for (const column of plan.columns) {
      const property = propertyName(column.target.key);
      if (property !== null) {
        const text = rawCell(row, column).trim();
        if (text !== "") properties[property] = propertyValue(text);
        continue;
      }
      const cell = parseCell(row, column, options);
      if (cell.ok) values.set(column.target.key, cell.value);
      else problems.push(cell.problem);
    }
    const text = (k: string) => (values.get(k) ?? null) as string | null;
    const customer = { email: text("customerEmail"), externalId: text("customerExternalId") };
    const failed = (header: string) => problems.some((p) => p.column === header);
    if (!customer.email && !customer.externalId && !failed(customerColumn.header)) {
      problems.push({ column: customerColumn.header, value: "", reason: "The customer is missing: give the customer's email or external ID." });
    }
    const name = text("name");
    const nameColumn = plan.column("name")!;
    if (!name && !failed(nameColumn.header)) problems.push({ column: nameColumn.header, value: "", reason: "Event name is empty." });
    else if (name && name.length > 200) problems.push({ column: nameColumn.header, value: name.slice(0, 40), reason: "Use an event name of at most 200 characters." });
    const occurredAt = (values.get("occurredAt") ?? null) as Date | null;
    const timeColumn = plan.column("occurredAt")!;
    if (!occurredAt && !failed(timeColumn.header)) problems.push({ column: timeColumn.header, value: "", reason: "Occurred at is empty: every event needs its time." });
    if (problems.length > 0 || !name || !occurredAt) return { ok: false, rowNumber: row.rowNumber, problems };
    return { ok: true, row: { rowNumber: row.rowNumber, customer, name, occurredAt, properties } };
  };
}
