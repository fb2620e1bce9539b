/**
 * The small, non-bulk database steps around a seed run: finding the workspace, clearing
 * its customers for --replace, and defining the custom fields the generator fills in.
 */
import type { Db, SqlDriver } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { SeedCustomField } from "./custom-fields";

export type SeedTarget = { id: string; slug: string; customerCount: number };

/** The workspace with this slug and how many customers it has; not_found when there is none. */
export async function findWorkspaceForSeed(db: Db, slug: string): Promise<SeedTarget> {
  const workspace = await db.prisma.workspace.findUnique({ where: { slug }, select: { id: true, slug: true } });
  if (!workspace) {
    throw new AppError("not_found", `There is no workspace "${slug}". Create it first: npm run cli -- workspace create --slug ${slug} --name "…"`);
  }
  const customerCount = await db.prisma.customer.count({ where: { workspaceId: workspace.id } });
  return { ...workspace, customerCount };
}

/** The planner's row estimates (pg_class.reltuples; 0 when never analyzed) of some tables. */
export async function estimatedRowCounts<T extends string>(db: Db, tables: readonly T[]): Promise<Record<T, number>> {
  const rows = await db.sql.query<{ table: T; n: number }>(
    `SELECT relname AS "table", GREATEST(reltuples, 0)::float8 AS n FROM pg_class
      WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace AND relname = ANY($1::text[])`,
    [tables],
  );
  const counts = Object.fromEntries(tables.map((table) => [table, 0])) as Record<T, number>;
  for (const row of rows) counts[row.table] = Number(row.n);
  return counts;
}

/** Turns foreign-key triggers off for the rest of the transaction when the role may; reports whether it could. */
async function trySkipTriggers(tx: SqlDriver): Promise<boolean> {
  await tx.exec("SAVEPOINT skip_triggers");
  try {
    await tx.exec("SET LOCAL session_replication_role = replica");
    return true;
  } catch {
    await tx.exec("ROLLBACK TO SAVEPOINT skip_triggers");
    return false;
  }
}

/**
 * Deletes a workspace's customers with their orders, items and events, children first so
 * no cascade has anything left to do (and with triggers off, when allowed, nothing runs per row).
 */
export async function deleteWorkspaceCustomers(db: Db, workspaceId: string): Promise<number> {
  return db.sql.transaction(async (tx) => {
    await trySkipTriggers(tx);
    for (const table of ["OrderItem", "Order", "Event"]) {
      await tx.query(`DELETE FROM "${table}" WHERE "workspaceId" = $1`, [workspaceId]);
    }
    const rows = await tx.query<{ n: string }>(
      `WITH gone AS (DELETE FROM "Customer" WHERE "workspaceId" = $1 RETURNING 1) SELECT count(*)::text AS n FROM gone`,
      [workspaceId],
    );
    return Number(rows[0]?.n ?? 0);
  });
}

/** Creates the fields that are missing; a same-key field of another type is a conflict. Returns how many were created. */
export async function ensureSeedCustomFields(db: Db, workspaceId: string, fields: readonly SeedCustomField[]): Promise<number> {
  const existing = await db.prisma.customField.findMany({
    where: { workspaceId, key: { in: fields.map((field) => field.key) } },
    select: { key: true, type: true },
  });
  const types = new Map(existing.map((field) => [field.key, field.type]));
  for (const field of fields) {
    const type = types.get(field.key);
    if (type !== undefined && type !== field.type) {
      throw new AppError("conflict", `The workspace already has a custom field "${field.key}" of type ${type}; the demo data needs type ${field.type}.`);
    }
  }
  const missing = fields.filter((field) => !types.has(field.key));
  if (missing.length === 0) return 0;
  const result = await db.prisma.customField.createMany({
    data: missing.map((field) => ({
      workspaceId,
      key: field.key,
      label: field.label,
      type: field.type,
      options: field.options.map(({ key, label }) => ({ key, label })),
      description: field.description,
      position: fields.indexOf(field),
    })),
    skipDuplicates: true,
  });
  return result.count;
}
