/**
 * `import`: a CSV file of customers, orders or events into a workspace, with the same engine as
 * the import page, synchronously with a progress line. Exits non-zero when any row failed.
 */
import fs from "node:fs";
import type { Command } from "commander";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/fields/queries";
import { withDateFormats } from "@/lib/import/choices";
import { DELIMITERS } from "@/lib/import/delimiters";
import { DATE_FORMATS } from "@/lib/import/dates";
import { runImportJob, type ImportProgress } from "@/lib/import/engine";
import { mappingFromHeaders } from "@/lib/import/mapping";
import { createLocalJob, inspectLocalFile } from "@/lib/import/mutations";
import { findWorkspaceBySlug, importErrorsCsv, listImportErrors } from "@/lib/import/queries";
import { dateFormatSchema, importTypeSchema, matchKeySchema, onExistingSchema } from "@/lib/import/schemas";
import { targetsFor } from "@/lib/import/targets";
import { count, parseOptions, seconds, type CliContext } from "./context";

const importOptionsSchema = z.object({
  workspace: z.string().min(1),
  type: importTypeSchema,
  file: z.string().min(1),
  mapping: z.string().optional(),
  match: matchKeySchema.default("email"),
  onExisting: onExistingSchema.default("update"),
  dateFormat: dateFormatSchema.optional(),
  delimiter: z.enum(["comma", "semicolon", "tab"], { error: "use comma, semicolon or tab" }).optional(),
  errors: z.string().optional(),
});

const mappingFileSchema = z.record(z.string(), z.string().nullable(), { error: "must be a JSON object from CSV header to target key" });
const DELIMITER_NAMES = { comma: DELIMITERS[0], semicolon: DELIMITERS[1], tab: DELIMITERS[2] } as const;

function readMapping(file: string): Record<string, string> {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new AppError("invalid", `--mapping: cannot read ${file} as JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success) throw new AppError("invalid", `--mapping: ${parsed.error.issues[0]?.message ?? "not a mapping"}`);
  return Object.fromEntries(Object.entries(parsed.data).filter((e): e is [string, string] => e[1] !== null));
}

function progressLine(p: ImportProgress): string {
  const share = p.totalRows > 0 ? Math.floor((p.processedRows / p.totalRows) * 100) : 100;
  return `  ${count(p.processedRows)} / ${count(p.totalRows)} rows (${share}%): ${count(p.created)} created, ${count(p.updated)} updated, ${count(p.skipped)} skipped, ${count(p.failed)} failed`;
}

async function writeErrorReport(workspaceId: string, jobId: string, file: string): Promise<void> {
  const out = fs.createWriteStream(file);
  for await (const chunk of importErrorsCsv({ workspaceId }, jobId)) {
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", resolve));
  }
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
}

/** Registers `import`. */
export function registerImportCommand(program: Command, ctx: CliContext): void {
  program
    .command("import")
    .description("import a CSV file of customers, orders or events into a workspace")
    .requiredOption("--workspace <slug>", "the workspace to import into")
    .requiredOption("--type <type>", "what the file holds: customers, orders or events")
    .requiredOption("--file <path>", "the CSV file (UTF-8; comma, semicolon or tab separated)")
    .option("--mapping <file>", "JSON object from CSV header to target key; without it, headers equal to target keys map themselves")
    .option("--match <key>", "customers: match existing customers on email or externalId", "email")
    .option("--on-existing <action>", "update or skip records that already exist", "update")
    .option("--date-format <format>", `how dates are written (default: detected per column): ${DATE_FORMATS.join(", ")}`)
    .option("--delimiter <name>", "comma, semicolon or tab (default: detected)")
    .option("--errors <file>", "write the error report (row, column, value, reason) to this CSV file")
    .addHelpText("after", "\nTargets — customers: catalog field keys (custom fields as custom.<key>) and externalId;\norders: orderId, customerEmail, customerExternalId, placedAt, total, currency, status, itemSku, itemName, itemCategory, itemQuantity, itemUnitPrice;\nevents: customerEmail, customerExternalId, name, occurredAt, properties.<name>.")
    .action(async (raw: Record<string, unknown>) => {
      const options = parseOptions(importOptionsSchema, raw);
      await ctx.db();
      const workspace = await findWorkspaceBySlug(options.workspace);
      if (!workspace) throw new AppError("not_found", `There is no workspace "${options.workspace}".`);
      const importCtx = { workspaceId: workspace.workspaceId, timeZone: workspace.timeZone, userId: null };
      const file = await inspectLocalFile(options.file, options.delimiter ? DELIMITER_NAMES[options.delimiter] : undefined);
      const targets = targetsFor(options.type, await getCatalog(importCtx));
      const mapped = mappingFromHeaders(file.scan.headers, targets, options.type, options.mapping ? readMapping(options.mapping) : undefined);
      const { columns, ambiguous } = withDateFormats(options.type, file.scan.headers, mapped, targets, file.scan.samples, options.dateFormat);
      for (const a of ambiguous) ctx.out(`Note: dates in "${a.header}" fit ${a.candidates.join(" and ")}; reading them as ${a.chosen} (use --date-format to choose).`);
      const { jobId } = await createLocalJob(importCtx, { type: options.type, file, choices: { columns, match: options.match, onExisting: options.onExisting } });
      ctx.out(`Importing ${count(file.scan.totalRows)} ${options.type} rows from ${file.filePath} (${columns.length} of ${file.scan.headers.length} columns mapped)…`);
      const started = Date.now();
      let lastPrint = 0;
      const result = await runImportJob(workspace.workspaceId, jobId, {
        onProgress: (p) => {
          if (Date.now() - lastPrint < 1000 && p.processedRows < p.totalRows) return;
          lastPrint = Date.now();
          ctx.out(progressLine(p));
        },
      });
      if (!result) throw new AppError("conflict", "The import is already running elsewhere.");
      const p = result.progress;
      const rate = Math.round(p.processedRows / Math.max((Date.now() - started) / 1000, 0.001));
      ctx.out(`Done in ${seconds(Date.now() - started)} (${count(rate)} rows/s): ${count(p.created)} created, ${count(p.updated)} updated, ${count(p.skipped)} skipped, ${count(p.failed)} failed of ${count(p.totalRows)} rows.`);
      if (result.error) throw new AppError("invalid", result.error);
      if (p.failed === 0) return;
      for (const e of await listImportErrors(importCtx, jobId, 10)) {
        ctx.out(`  row ${e.rowNumber}${e.column ? `, ${e.column}` : ""}${e.value ? ` "${e.value}"` : ""}: ${e.reason}`);
      }
      if (options.errors) await writeErrorReport(workspace.workspaceId, jobId, options.errors);
      const where = options.errors ? `the full report is in ${options.errors}` : "add --errors <file> for the full report";
      throw new AppError("invalid", `${count(p.failed)} ${p.failed === 1 ? "row" : "rows"} failed (${where}).`);
    });
}
