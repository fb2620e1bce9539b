/** Members of a segment: every member for exports (streamed), and "why is this customer in it?" for one customer. */
import "server-only";
import { getDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { compileWhere } from "./compile";
import { prepareSegment, type SegmentScope } from "./count-prepare";
import { explainDefinition, type ExplainNode } from "./explain";
import { loadCustomerRecords } from "./queries";

/** One member as exports list them. */
export interface MemberRow {
  id: string;
  email: string | null;
}

/** A customer with the explanation of their membership. */
export interface MemberExplanation {
  customer: { id: string; email: string | null; name: string | null };
  member: boolean;
  explanation: ExplainNode;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CURSOR_BATCH = 5000;

/**
 * Calls onBatch with the members (id, email) in id order, a batch at a time, reading them through a
 * cursor so the segment is evaluated once however many there are; returns how many there were.
 */
export async function forEachMemberBatch(
  ctx: SegmentScope,
  definition: unknown,
  options: { now?: Date; batchSize?: number },
  onBatch: (rows: MemberRow[]) => void | Promise<void>,
): Promise<number> {
  const prepared = await prepareSegment(ctx, definition, options.now);
  const where = compileWhere(prepared.definition, prepared.catalog, prepared.options);
  const query = Prisma.sql`DECLARE segment_members NO SCROLL CURSOR FOR
    SELECT c."id"::text AS "id", c."email" FROM "Customer" c WHERE ${where} ORDER BY c."id"`;
  const batch = Math.max(1, Math.min(options.batchSize ?? CURSOR_BATCH, 100_000));
  const { sql } = await getDb();
  return sql.transaction(async (tx) => {
    await tx.query("SET TRANSACTION READ ONLY");
    await tx.query(query.text, query.values);
    let total = 0;
    for (;;) {
      const rows = await tx.query<MemberRow>(`FETCH ${batch} FROM segment_members`);
      if (rows.length === 0) return total;
      total += rows.length;
      await onBatch(rows);
    }
  });
}

/** The id of the workspace's customer with this id or (case-insensitive) email, or null. */
export async function findCustomerId(ctx: SegmentScope, idOrEmail: string): Promise<string | null> {
  const { sql } = await getDb();
  const ref = idOrEmail.trim();
  const [row] = UUID_RE.test(ref)
    ? await sql.query<{ id: string }>(`SELECT "id"::text AS "id" FROM "Customer" WHERE "workspaceId" = $1 AND "id" = $2::uuid`, [ctx.workspaceId, ref])
    : await sql.query<{ id: string }>(`SELECT "id"::text AS "id" FROM "Customer" WHERE "workspaceId" = $1 AND "email" = lower($2)`, [ctx.workspaceId, ref]);
  return row?.id ?? null;
}

/** Explains the definition for one customer of the workspace (by id or email): each node's result and measures. */
export async function explainMember(ctx: SegmentScope, definition: unknown, idOrEmail: string, options: { now?: Date } = {}): Promise<MemberExplanation> {
  const prepared = await prepareSegment(ctx, definition, options.now);
  const id = await findCustomerId(ctx, idOrEmail);
  const record = id ? (await loadCustomerRecords(ctx, [id])).get(id) : undefined;
  if (!record) throw new AppError("not_found", `This workspace has no customer with the id or email "${idOrEmail.trim()}".`);
  const explanation = explainDefinition(prepared.definition, prepared.catalog, record, prepared.options);
  const { customer } = record;
  const name = [customer.firstName, customer.lastName].filter((s) => s && s.trim()).join(" ") || null;
  return { customer: { id: customer.id, email: customer.email, name }, member: explanation.result, explanation };
}
