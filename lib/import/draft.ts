import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { previewImport, type ImportPreview } from "./preview";
import { importChoicesSchema, jobOptionsSchema, runImportSchema, type ImportChoices, type RunImportInput } from "./schemas";
import { findTarget, type ImportTarget, type ImportType } from "./targets";
import type { ImportContext } from "./types";

/**
 * Saves the mapping being edited on its pending job (so a reload of the mapping step shows it,
 * and a later file with the same columns can reuse it), then previews it with the whole file
 * checked; the check is stored too, so starting with the same mapping needs no second pass.
 */
export async function saveMappingAndPreview(ctx: ImportContext, input: RunImportInput): Promise<ImportPreview> {
  const { jobId, choices } = runImportSchema.parse(input);
  const { sql } = await getDb();
  const [saved] = await sql.query<{ options: unknown }>(
    `UPDATE "ImportJob" SET "options" = "options" || jsonb_build_object('draft', $3::jsonb)
      WHERE "workspaceId" = $1::uuid AND "id" = $2::uuid AND "status" = 'pending' RETURNING "options"`,
    [ctx.workspaceId, jobId, JSON.stringify(choices)],
  );
  if (!saved) throw new AppError("not_found", "This import has already started or no longer exists. Upload the file again.");
  const preview = await previewImport(ctx, { jobId, choices }, jobOptionsSchema.parse(saved.options).check);
  if (preview.ok) {
    const check = { choices: JSON.stringify(choices), ...preview.check };
    await sql.query(
      `UPDATE "ImportJob" SET "options" = "options" || jsonb_build_object('check', $3::jsonb)
        WHERE "workspaceId" = $1::uuid AND "id" = $2::uuid AND "status" = 'pending' AND "options"->'draft' = $4::jsonb`,
      [ctx.workspaceId, jobId, JSON.stringify(check), JSON.stringify(choices)],
    );
  }
  return preview;
}

/** A mapping saved with an earlier file of the same columns, offered for this one. */
export interface SavedMapping {
  jobId: string;
  fileName: string;
  savedAt: Date;
  choices: ImportChoices;
}

/**
 * The mapping of the workspace's most recent other import of this type whose file had exactly
 * these column names (the one it ran with, else the one last edited), keeping only columns whose
 * targets still exist; null when there is none.
 */
export async function findSavedMapping(ctx: Pick<ImportContext, "workspaceId">, job: { id: string; type: ImportType; headers: readonly string[] }, targets: readonly ImportTarget[]): Promise<SavedMapping | null> {
  const { sql } = await getDb();
  const rows = await sql.query<{ id: string; fileName: string; createdAt: Date; choices: unknown; draft: unknown }>(
    `SELECT "id"::text AS "id", "fileName", "createdAt", "options"->'choices' AS "choices", "options"->'draft' AS "draft"
       FROM "ImportJob"
      WHERE "workspaceId" = $1::uuid AND "type" = $2::"ImportType" AND "id" <> $3::uuid AND "options"->'headers' = $4::jsonb
        AND ("options"->'choices' IS NOT NULL OR "options"->'draft' IS NOT NULL)
      ORDER BY "createdAt" DESC, "id" LIMIT 5`,
    [ctx.workspaceId, job.type, job.id, JSON.stringify(job.headers)],
  );
  for (const row of rows) {
    const parsed = importChoicesSchema.safeParse(row.choices ?? row.draft);
    if (!parsed.success) continue;
    const columns = parsed.data.columns.filter((c) => c.index < job.headers.length && findTarget(targets, job.type, c.target));
    if (columns.length === 0) continue;
    return { jobId: row.id, fileName: row.fileName, savedAt: new Date(row.createdAt), choices: { ...parsed.data, columns } };
  }
  return null;
}
