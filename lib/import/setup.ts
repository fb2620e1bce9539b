import "server-only";
import { can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { getCatalog } from "@/lib/fields/queries";
import type { FieldCatalog } from "@/lib/fields/types";
import { DELIMITER_LABELS } from "./csv";
import { detectDateFormat, type DateDetection } from "./dates";
import { guessFieldType, proposeMapping, type FieldGuess } from "./mapping";
import { scanFile } from "./scan";
import { jobIdSchema, jobOptionsSchema, type JobOptions } from "./schemas";
import { targetsFor, type ImportTarget, type ImportType } from "./targets";
import type { ImportContext } from "./types";

/** A target as the mapping step's picker shows it. */
export interface TargetOption {
  key: string;
  label: string;
  type: ImportTarget["type"];
  group: string;
  description?: string;
}

/** One column of the uploaded file at the mapping step. */
export interface SetupColumn {
  index: number;
  header: string;
  /** A few values from the file, to recognise the column. */
  examples: string[];
  proposal: string | null;
  dates: DateDetection | null;
  /** What a new custom field made from this column would be (customer imports). */
  guess: FieldGuess;
}

/** Everything the mapping step needs for a pending upload. */
export interface ImportSetup {
  jobId: string;
  type: ImportType;
  fileName: string;
  totalRows: number;
  delimiterLabel: string;
  columns: SetupColumn[];
  targets: TargetOption[];
  /** Admins may create a custom field from a column. */
  canCreateFields: boolean;
}

/** A pending upload of the workspace with its stored options, or null (started, unknown, or another workspace's). */
export async function getPendingUpload(ctx: Pick<ImportContext, "workspaceId">, jobId: string): Promise<{ type: ImportType; fileName: string; filePath: string; totalRows: number; options: JobOptions } | null> {
  if (!jobIdSchema.safeParse(jobId).success) return null;
  const { sql } = await getDb();
  const [job] = await sql.query<{ type: ImportType; fileName: string; filePath: string | null; totalRows: number; options: unknown }>(
    `SELECT "type"::text AS "type", "fileName", "filePath", "totalRows", "options" FROM "ImportJob"
      WHERE "workspaceId" = $1::uuid AND "id" = $2::uuid AND "status" = 'pending'`,
    [ctx.workspaceId, jobId],
  );
  if (!job?.filePath) return null;
  return { ...job, filePath: job.filePath, options: jobOptionsSchema.parse(job.options) };
}

/** The picker's targets: customer fields grouped as in the catalog; orders and events in one group. */
export function targetOptions(type: ImportType, catalog: FieldCatalog): TargetOption[] {
  const groupOf = new Map(catalog.fields.map((f) => [f.key, f.group]));
  const fallback = type === "customers" ? "Profile" : type === "orders" ? "Order" : "Event";
  return targetsFor(type, catalog).map((t) => ({
    key: t.key, label: t.label, type: t.type, group: groupOf.get(t.key) ?? fallback, ...(t.description ? { description: t.description } : {}),
  }));
}

/**
 * The mapping step of a pending upload: its columns with example values, the proposed target,
 * the detected date format and a guessed field type for each; null when there is no such upload.
 */
export async function getImportSetup(ctx: Pick<ImportContext, "workspaceId"> & { role: Role }, jobId: string): Promise<ImportSetup | null> {
  const job = await getPendingUpload(ctx, jobId);
  if (!job) return null;
  const [catalog, scan] = await Promise.all([getCatalog(ctx), scanFile(job.filePath, job.options.delimiter, { countRows: false })]);
  const headers = job.options.headers;
  const proposals = proposeMapping(headers, targetsFor(job.type, catalog), job.type);
  return {
    jobId,
    type: job.type,
    fileName: job.fileName,
    totalRows: job.totalRows,
    delimiterLabel: DELIMITER_LABELS[job.options.delimiter],
    columns: headers.map((header, index) => ({
      index,
      header,
      examples: [...new Set(scan.samples[index] ?? [])].slice(0, 3),
      proposal: proposals[index]?.target ?? null,
      dates: detectDateFormat(scan.samples[index] ?? []),
      guess: guessFieldType(scan.samples[index] ?? []),
    })),
    targets: targetOptions(job.type, catalog),
    canCreateFields: job.type === "customers" && can(ctx.role, "fields.manage"),
  };
}
