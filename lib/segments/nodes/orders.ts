/**
 * The orders node: count, sum or average of a customer's counted orders in a window. Orders
 * count when their status is listed (default paid); with categories, when they have an item in
 * one, and their amount is then the sum of those items (quantity × unit price).
 */
import { z } from "zod";
import { LIMITS } from "../limits";
import { divideDecimal, multiplyDecimal, sumDecimals } from "../decimal";
import type { Sql } from "../operators";
import type { ComparisonRange } from "../ranges";
import type { CustomerRecord } from "../record";
import { countValue, definitionString, moneyValue } from "../values";
import type { EvalEnv, SqlEnv } from "./env";
import { averageHolds, comparisonSchema, comparisonValueSchema, countShape, measureHolds, measureMembersSql, measureRange, measureSql, measureValueShape, rangeSql, type MeasureQuery } from "./measure";
import { inWindow, windowRange, windowSchema, windowSql } from "./window";

/** Order statuses. */
export const ORDER_STATUSES = ["paid", "pending", "refunded", "cancelled"] as const;

/** An orders condition as written. */
export const ordersNodeSchema = z
  .strictObject({
    type: z.literal("orders"),
    measure: z.enum(["count", "sum", "avg"], { error: 'measure must be "count", "sum" or "avg"' }),
    operator: comparisonSchema,
    value: measureValueShape,
    window: windowSchema.optional(),
    filter: z
      .strictObject({
        categories: z.array(definitionString.min(1, "a category must not be empty"), { error: "categories must be a list" })
          .min(1, "categories must list at least one category").max(LIMITS.categories, `categories must list at most ${LIMITS.categories}`).optional(),
        status: z.array(z.enum(ORDER_STATUSES, { error: `status must be one of ${ORDER_STATUSES.join(", ")}` }), { error: "status must be a list" })
          .min(1, "status must list at least one status").optional(),
      })
      .optional(),
  })
  .superRefine((node, ctx) => {
    const item = node.measure === "count" ? countValue : moneyValue;
    const parsed = comparisonValueSchema(node.operator, item).safeParse(node.value);
    if (!parsed.success) for (const i of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["value", ...i.path], message: i.message });
  });
export type OrdersNode = z.infer<typeof ordersNodeSchema>;

interface Plan {
  cmp: ComparisonRange;
  statuses: string[];
  categories: string[] | undefined;
}

function plan(node: OrdersNode): Plan {
  return {
    cmp: measureRange(node.operator, node.value),
    statuses: [...new Set(node.filter?.status ?? ["paid"])].sort(),
    categories: node.filter?.categories && [...new Set(node.filter.categories)],
  };
}

/** How the node is queried: from the customer row (derived order stats), or from the workspace's orders. */
function ordersQuery(node: OrdersNode, env: SqlEnv): { row: Sql } | { rows: MeasureQuery } {
  const { q } = env;
  const { cmp, statuses, categories } = plan(node);
  const range = windowRange(node.window, env.clock);
  // Ever, paid only, no categories: the customer's derived order stats answer it from the row.
  if (!range.lo && !range.hi && !categories && statuses.length === 1 && statuses[0] === "paid") {
    const count = q.sql`c."ordersCount"`;
    const total = q.sql`c."totalSpent"`;
    if (node.measure === "count") return { row: rangeSql(count, cmp, q) };
    if (node.measure === "sum") return { row: rangeSql(total, cmp, q) };
    return { row: q.sql`(${count} > 0 AND ${rangeSql(total, cmp, q, (v) => q.sql`${v} * ${count}`)})` };
  }
  // Counting needs only whether an order has an item in the categories (a semi-join, one row per
  // order); sums and averages need the items' amounts (a join, then count(DISTINCT o.id) for avg).
  const itemIn = categories && q.sql`i."workspaceId" = o."workspaceId" AND i."orderId" = o."id" AND i."category" = ANY(${categories}::text[])`;
  const joinItems = Boolean(itemIn) && node.measure !== "count";
  const join = itemIn && joinItems ? q.sql` JOIN "OrderItem" i ON ${itemIn}` : q.sql``;
  const filters = [q.sql`o."status" = ANY(${statuses}::text[])`, ...windowSql(q.sql`o."placedAt"`, range, q)];
  if (itemIn && !joinItems) filters.push(q.sql`EXISTS (SELECT 1 FROM "OrderItem" i WHERE ${itemIn})`);
  const from = (scope: Sql) => q.sql`FROM "Order" o${join} WHERE ${scope} AND ${q.join(filters, " AND ")}`;
  const count = joinItems ? q.sql`count(DISTINCT o."id")` : q.sql`count(*)`;
  const sum = categories ? q.sql`sum(i."quantity" * i."unitPrice")` : q.sql`sum(o."total")`;
  const having =
    node.measure === "count" ? rangeSql(count, cmp, q)
    : node.measure === "sum" ? rangeSql(sum, cmp, q)
    : rangeSql(sum, cmp, q, (v) => q.sql`${v} * ${count}`);
  return {
    rows: {
      alias: "o",
      from,
      having,
      // Without counted orders, count 0 and sum 0 may satisfy the comparison; an empty avg never does.
      zeroHolds: node.measure !== "avg" && measureHolds(cmp, 0),
      shape: node.measure === "count" ? countShape(cmp) : "grouped",
      workspaceId: env.workspaceId,
      onlyCustomers: env.onlyCustomers,
    },
  };
}

/** The node as a two-valued SQL predicate over "Customer" c (see docs in compile.ts for the shapes). */
export function ordersNodeSql(node: OrdersNode, env: SqlEnv): Sql {
  const query = ordersQuery(node, env);
  return "row" in query ? query.row : measureSql(query.rows, env.q);
}

/** The node's members as distinct "customerId"s from the orders alone, or null (see measureMembersSql). */
export function ordersMembersSql(node: OrdersNode, env: SqlEnv): Sql | null {
  const query = ordersQuery(node, env);
  return "row" in query ? null : measureMembersSql(query.rows, env.q);
}

/** The measured value: count, exact sum, or avg rounded for display (null when there are no counted orders). */
export interface OrdersMeasure {
  result: boolean;
  count: number;
  sum: string;
  measured: number | string | null;
}

/** The node's result for one customer, with what was measured. */
export function evaluateOrdersNode(node: OrdersNode, record: CustomerRecord, env: EvalEnv): OrdersMeasure {
  const { cmp, statuses, categories } = plan(node);
  const range = windowRange(node.window, env.clock);
  const amounts: string[] = [];
  for (const order of record.orders) {
    if (!statuses.includes(order.status) || !inWindow(order.placedAt.getTime(), range)) continue;
    if (!categories) {
      amounts.push(String(order.total));
      continue;
    }
    const items = order.items.filter((i) => i.category !== null && categories.includes(i.category));
    if (items.length > 0) amounts.push(sumDecimals(items.map((i) => multiplyDecimal(i.unitPrice, i.quantity))));
  }
  const count = amounts.length;
  const sum = sumDecimals(amounts);
  if (node.measure === "count") return { result: measureHolds(cmp, count), count, sum, measured: count };
  if (node.measure === "sum") return { result: measureHolds(cmp, sum), count, sum, measured: sum };
  return { result: averageHolds(cmp, sum, count), count, sum, measured: count > 0 ? divideDecimal(sum, count) : null };
}

