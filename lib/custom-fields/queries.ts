import "server-only";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { buildCatalog, type FieldCatalog } from "@/lib/fields/catalog";
import { Prisma } from "@/lib/generated/prisma/client";
import { customFieldIdSchema } from "./schemas";
import type { CustomFieldRow, CustomFieldsContext } from "./types";

/** What a custom field read selects. */
export const customFieldSelect = {
  id: true,
  key: true,
  label: true,
  type: true,
  options: true,
  description: true,
  archived: true,
  position: true,
  createdAt: true,
  updatedAt: true,
} as const;

const optionsJsonSchema = z.array(z.object({ key: z.string(), label: z.string() })).catch([]);

type Selected = Prisma.CustomFieldGetPayload<{ select: typeof customFieldSelect }>;

/** A selected row with its options JSON parsed. */
export function toCustomFieldRow(row: Selected): CustomFieldRow {
  return { ...row, options: optionsJsonSchema.parse(row.options) };
}

/** The workspace's custom fields (archived ones included), in catalog order. */
export async function listCustomFields(ctx: CustomFieldsContext): Promise<CustomFieldRow[]> {
  const { prisma } = await getDb();
  const rows = await prisma.customField.findMany({
    where: { workspaceId: ctx.workspaceId },
    select: customFieldSelect,
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { key: "asc" }],
  });
  return rows.map(toCustomFieldRow);
}

/** One custom field of the workspace by id, or null when the workspace has no such field. */
export async function getCustomField(ctx: CustomFieldsContext, fieldId: string): Promise<CustomFieldRow | null> {
  if (!customFieldIdSchema.safeParse(fieldId).success) return null;
  const { prisma } = await getDb();
  const row = await prisma.customField.findUnique({
    where: { workspaceId_id: { workspaceId: ctx.workspaceId, id: fieldId } },
    select: customFieldSelect,
  });
  return row ? toCustomFieldRow(row) : null;
}

/**
 * The workspace's catalog read inside a write transaction, its custom field rows locked FOR SHARE:
 * a concurrent type or option change waits for the write (and the write sees the change made before it).
 */
export async function loadCatalogForWrite(tx: Prisma.TransactionClient, workspaceId: string): Promise<FieldCatalog> {
  const rows = await tx.$queryRaw<{ key: string; label: string; type: CustomFieldRow["type"]; options: unknown; description: string | null; archived: boolean }[]>(Prisma.sql`
    SELECT "key", "label", "type"::text AS "type", "options", "description", "archived"
      FROM "CustomField" WHERE "workspaceId" = ${workspaceId}::uuid
     ORDER BY "position", "createdAt", "key" FOR SHARE`);
  return buildCatalog(rows.map((row) => ({ ...row, options: optionsJsonSchema.parse(row.options) })));
}
