/**
 * Reading one row of a customer import: the mapped cells through THE customer input schema
 * (buildCustomerInputSchema, as forms and the API use it), dates first rewritten from the column's
 * format, and the match key required. Pure.
 */
import { buildCustomerInputSchema, type CustomerWrite } from "@/lib/customers/schemas";
import type { FieldCatalog } from "@/lib/fields/types";
import type { CsvRow } from "./csv";
import { cellText, MATCH_LABELS, type CellProblem, type ImportPlan } from "./plan";
import { rawCell, type RowResult } from "./rows";

/** A valid customer row: what to write, and the value it is matched on. */
export interface CustomerRow {
  rowNumber: number;
  write: CustomerWrite;
  key: string;
}

/** A reader of customer rows for this plan, catalog and workspace time zone. */
export function customerRowReader(plan: ImportPlan, catalog: FieldCatalog, timeZone: string, now = new Date()): (row: CsvRow) => RowResult<CustomerRow> {
  const schema = buildCustomerInputSchema(catalog, { timeZone, now, mode: "create" });
  const matchColumn = plan.column(plan.match)!;
  return (row) => {
    const problems: CellProblem[] = [];
    const input: Record<string, string> = {};
    for (const column of plan.columns) {
      const cell = cellText(column, rawCell(row, column), timeZone);
      if (cell.ok) input[column.target.key] = cell.text;
      else problems.push(cell.problem);
    }
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = plan.column(String(issue.path[0] ?? "")) ?? matchColumn;
        problems.push({ column: column.header, value: rawCell(row, column).trim(), reason: issue.message });
      }
    }
    if (problems.length > 0 || !parsed.success) return { ok: false, rowNumber: row.rowNumber, problems };
    const key = parsed.data.columns[plan.match];
    if (!key) {
      const label = MATCH_LABELS[plan.match];
      const reason = `${label} is empty: rows are matched on ${label.toLowerCase()}, so every row needs one.`;
      return { ok: false, rowNumber: row.rowNumber, problems: [{ column: matchColumn.header, value: "", reason }] };
    }
    return { ok: true, row: { rowNumber: row.rowNumber, write: parsed.data, key } };
  };
}
