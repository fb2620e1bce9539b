import "server-only";
import { can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { getCatalog } from "@/lib/fields/queries";
import type { FieldCatalog } from "@/lib/fields/types";
import { DELIMITER_LABELS } from "./csv";
import { detectDateFormat, type DateDetection } from "./dates";
import { findSavedMapping, type SavedMapping } from "./draft";
import { guessFieldType, proposeMapping, type FieldGuess, type MatchReason, type Proposal } from "./mapping";
import { detectNumberFormat, type NumberDetection } from "./numbers";
import { scanFile } from "./scan";
import { jobIdSchema, jobOptionsSchema, type ImportChoices, type JobOptions } from "./schemas";
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
  /** Why the proposal was made ("same name", "similar to …, 82%"). */
  reason: MatchReason | null;
  /** For a column left unmapped: the closest target, below the suggestion threshold. */
  nearest?: Proposal["nearest"];
  dates: DateDetection | null;
  /** How the column's numbers look (for number and money targets). */
  numbers: NumberDetection | null;
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
  /** The mapping as last edited on this upload (kept across reloads), or null before any edit. */
  draft: ImportChoices | null;
  /** A mapping of an earlier file with the same columns, offered to reuse. */
  savedMapping: SavedMapping | null;
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
  const targets = targetsFor(job.type, catalog);
  const proposals = proposeMapping(headers, targets, job.type);
  const savedMapping = await findSavedMapping(ctx, { id: jobId, type: job.type, headers }, targets);
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
      reason: proposals[index]?.reason ?? null,
      ...(proposals[index]?.nearest ? { nearest: proposals[index].nearest } : {}),
      dates: detectDateFormat(scan.samples[index] ?? []),
      numbers: detectNumberFormat(scan.samples[index] ?? []),
      guess: guessFieldType(scan.samples[index] ?? []),
    })),
    targets: targetOptions(job.type, catalog),
    canCreateFields: job.type === "customers" && can(ctx.role, "fields.manage"),
    draft: job.options.draft ?? null,
    savedMapping,
  };
}
