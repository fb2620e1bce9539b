import "server-only";
import { z } from "zod";
import { getDb, type SqlDriver } from "@/lib/db/client";
import { buildCatalog } from "./catalog";
import type { FieldCatalog } from "./types";

const customFieldRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  type: z.enum(["text", "number", "date", "boolean", "select", "multiselect"]),
  options: z.array(z.object({ key: z.string(), label: z.string() })),
  description: z.string().nullable(),
  archived: z.boolean(),
});

/**
 * The field catalog of a workspace: standard and derived fields plus its custom fields (archived
 * ones flagged); read through sql when given (inside a transaction).
 */
export async function getCatalog(ctx: { workspaceId: string }, driver?: SqlDriver): Promise<FieldCatalog> {
  const sql = driver ?? (await getDb()).sql;
  const rows = await sql.query(
    `SELECT "key", "label", "type"::text AS "type", "options", "description", "archived"
       FROM "CustomField" WHERE "workspaceId" = $1 ORDER BY "position", "createdAt", "key"`,
    [ctx.workspaceId],
  );
  return buildCatalog(rows.map((row) => customFieldRowSchema.parse(row)));
}
