import "server-only";
import { getDb, type SqlDriver } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { formatNumber } from "@/lib/customers/numbers";
import { getCatalog } from "@/lib/fields/queries";
import type { FieldOption } from "@/lib/fields/types";
import { checkFile, type FileCheckResult } from "./check";
import type { CsvRow } from "./csv";
import { customerRowReader } from "./customer-rows";
import { eventRowReader } from "./event-rows";
import { orderRowReader, type CustomerRef } from "./order-rows";
import { resolveCustomers } from "./order-writes";
import { buildPlan, type ImportPlan, type PlannedColumn } from "./plan";
import { checked } from "./processors";
import { parseCell, type RowResult } from "./rows";
import { scanFile } from "./scan";
import { runImportSchema, type FileCheck, type RunImportInput } from "./schemas";
import { getPendingUpload } from "./setup";
import { propertyName, targetsFor } from "./targets";
import type { ImportContext } from "./types";

/** What importing a preview row would do. */
export type PreviewAction = "create" | "update" | "skip" | "fail";

/** One row of the preview: each mapped cell as it will be stored (or its problem), and the action. */
export interface PreviewRow {
  rowNumber: number;
  action: PreviewAction;
  cells: Record<number, { value: string; problem?: string }>;
  /** Problems of the row as a whole (a missing customer, an empty match key). */
  problems: string[];
}

/** The preview: its rows and the check of the whole file, or why the mapping cannot be used yet. */
export type ImportPreview = { ok: true; rows: PreviewRow[]; check: FileCheckResult } | { ok: false; problems: string[] };

function optionLabel(options: readonly FieldOption[] | undefined, key: string): string {
  return options?.find((o) => o.key === key)?.label ?? key;
}

// A parsed value as people read it: option labels instead of keys, numbers with separators (English, as the preview's
// other text), money with cents, dates in the workspace zone.
function display(column: PlannedColumn, value: unknown, timeZone: string): string {
  if (value === null || value === undefined) return "";
  const { type, options } = column.target;
  if (type === "select" && typeof value === "string") return optionLabel(options, value);
  if (type === "multiselect" && Array.isArray(value)) return value.map((v) => optionLabel(options, String(v))).join("; ");
  if (type === "money" && (typeof value === "string" || typeof value === "number")) return formatNumber(Number(value), "en", { money: true });
  if (type === "number" && typeof value === "number") return formatNumber(value, "en");
  if (value instanceof Date) {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" })
        .formatToParts(value).map((x) => [x.type, x.value]),
    );
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
  }
  if (Array.isArray(value)) return value.join("; ");
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

function previewCells(plan: ImportPlan, row: CsvRow, timeZone: string): PreviewRow["cells"] {
  const cells: PreviewRow["cells"] = {};
  for (const column of plan.columns) {
    if (propertyName(column.target.key) !== null) {
      cells[column.index] = { value: (row.cells[column.index] ?? "").trim() };
      continue;
    }
    const cell = parseCell(row, column, { timeZone });
    cells[column.index] = cell.ok ? { value: display(column, cell.value, timeZone) } : { value: cell.problem.value ?? "", problem: cell.problem.reason };
  }
  return cells;
}

// Problems the cells do not show already (cross-field rules, the match key).
function rowProblems(result: RowResult<unknown>, cells: PreviewRow["cells"]): string[] {
  if (result.ok) return [];
  const shown = new Set(Object.values(cells).flatMap((c) => (c.problem ? [c.problem] : [])));
  return result.problems.filter((p) => !shown.has(p.reason)).map((p) => p.reason);
}

async function customerActions(sql: SqlDriver, workspaceId: string, plan: ImportPlan, keys: (string | null)[]): Promise<PreviewAction[]> {
  const column = plan.match === "email" ? `"email"` : `"externalId"`;
  const found = await sql.query<{ key: string }>(
    `SELECT ${column} AS "key" FROM "Customer" WHERE "workspaceId" = $1::uuid AND ${column} = ANY($2::text[])`,
    [workspaceId, keys.filter((k) => k !== null)],
  );
  const existing = new Set(found.map((f) => f.key));
  const seen = new Set<string>();
  return keys.map((key) => {
    if (key === null) return "fail";
    const exists = existing.has(key) || seen.has(key);
    seen.add(key);
    return exists ? (plan.onExisting === "update" ? "update" : "skip") : "create";
  });
}

async function orderExists(sql: SqlDriver, workspaceId: string, keys: readonly string[]): Promise<Set<string>> {
  const rows = await sql.query<{ key: string }>(
    `SELECT "externalId" AS "key" FROM "Order" WHERE "workspaceId" = $1::uuid AND "externalId" = ANY($2::text[])`,
    [workspaceId, keys],
  );
  return new Set(rows.map((r) => r.key));
}

async function linkedActions(sql: SqlDriver, ctx: ImportContext, plan: ImportPlan, results: RowResult<{ customer: CustomerRef; key?: string }>[]): Promise<{ actions: PreviewAction[]; missing: (string | null)[] }> {
  const refs = results.flatMap((r) => (r.ok ? [r.row.customer] : []));
  const customerOf = await resolveCustomers(sql, ctx.workspaceId, refs);
  const orders = plan.type === "orders" ? await orderExists(sql, ctx.workspaceId, results.flatMap((r) => (r.ok && r.row.key ? [r.row.key] : []))) : new Set<string>();
  const actions: PreviewAction[] = [];
  const missing: (string | null)[] = [];
  for (const r of results) {
    if (!r.ok) {
      actions.push("fail");
      missing.push(null);
    } else if (!customerOf(r.row.customer)) {
      actions.push("fail");
      const ref = r.row.customer;
      missing.push(`No customer with ${ref.email ? `email "${ref.email}"` : `external ID "${ref.externalId}"`} in this workspace.`);
    } else {
      const exists = r.row.key !== undefined && orders.has(r.row.key);
      actions.push(exists ? (plan.onExisting === "update" ? "update" : "skip") : "create");
      missing.push(null);
    }
  }
  return { actions, missing };
}

/**
 * The first rows of a pending upload as the chosen mapping would store them: values after parsing
 * (dates in the workspace zone), problems at their cells, and whether each row would create,
 * update, skip or fail; and the whole file checked (rows that would fail), unless `cached` is the
 * check of these very choices. Writes nothing.
 */
export async function previewImport(ctx: ImportContext, input: RunImportInput, cached?: FileCheck): Promise<ImportPreview> {
  const { jobId, choices } = runImportSchema.parse(input);
  const job = await getPendingUpload(ctx, jobId);
  if (!job) throw new AppError("not_found", "This import has already started or no longer exists. Upload the file again.");
  const catalog = await getCatalog(ctx);
  let plan: ImportPlan;
  try {
    plan = buildPlan(job.type, job.options.headers, choices, targetsFor(job.type, catalog));
  } catch (e) {
    if (e instanceof AppError) return { ok: false, problems: e.message.split("\n") };
    throw e;
  }
  const { head } = await scanFile(job.filePath, job.options.delimiter, { countRows: false });
  const { sql } = await getDb();
  let results: RowResult<unknown>[];
  let actions: PreviewAction[];
  let extra: (string | null)[] = head.map(() => null);
  if (plan.type === "customers") {
    const read = checked(plan, customerRowReader(plan, catalog, ctx.timeZone));
    const parsed = head.map(read);
    results = parsed;
    actions = await customerActions(sql, ctx.workspaceId, plan, parsed.map((r) => (r.ok ? r.row.key : null)));
  } else {
    const orderReader = plan.type === "orders" ? orderRowReader(plan, ctx.timeZone) : null;
    const eventReader = plan.type === "events" ? eventRowReader(plan, ctx.timeZone) : null;
    type Linked = { customer: CustomerRef; key?: string };
    const parsed = head.map(checked<Linked>(plan, (row) => (orderReader ? orderReader.read(row) : eventReader!(row))));
    results = parsed;
    ({ actions, missing: extra } = await linkedActions(sql, ctx, plan, parsed));
  }
  const rows = head.map((row, i): PreviewRow => {
    const cells = previewCells(plan, row, ctx.timeZone);
    const problems = [...rowProblems(results[i], cells), ...(extra[i] ? [extra[i]] : [])];
    return { rowNumber: row.rowNumber, action: actions[i], cells, problems };
  });
  const fresh = cached && cached.choices === JSON.stringify(choices) ? null : await checkFile(ctx, { filePath: job.filePath, delimiter: job.options.delimiter }, plan, catalog);
  return { ok: true, rows, check: fresh ?? { total: cached!.total, failing: cached!.failing } };
}
