/**
 * The SQL compiler: a definition → one parameterized, two-valued predicate over the customer
 * table aliased `c` (`FROM "Customer" c`). Pure: "now" and the time zone are inputs; values are
 * always parameters; identifiers come from the catalog only. The predicate does not restrict
 * c to a workspace (compileWhere does); its sub-queries are scoped by workspace.
 *
 * Shapes, chosen so the planner can use the workspace-leading indexes:
 * - field conditions: plain predicates on columns of c (age as a birthDate range);
 * - orders / events "at least one": correlated EXISTS on ("workspaceId", "customerId", …);
 *   "none": NOT EXISTS; any other count, sum or average: a semi-join (EXISTS) or anti-join
 *   (NOT EXISTS, when zero rows satisfy the comparison) against the rows grouped per customer;
 * - orders ever, paid, without categories: the derived columns ordersCount / totalSpent;
 * - segment conditions: the referenced definition inlined.
 * compileMemberIds answers a definition of one orders / event condition from those rows alone.
 */
import type { FieldCatalog } from "@/lib/fields/catalog";
import { fieldSql } from "@/lib/fields/sql";
import { Prisma } from "@/lib/generated/prisma/client";
import type { RfmContext } from "@/lib/rfm/context";
import { InvalidDefinitionError } from "./errors";
import type { SqlEnv } from "./nodes/env";
import { eventMembersSql, eventNodeSql } from "./nodes/event";
import { fieldNodeSql } from "./nodes/field";
import { ordersMembersSql, ordersNodeSql } from "./nodes/orders";
import { rfmNodeSql } from "./nodes/rfm";
import type { SqlKit } from "./operators";
import { resolveDefinition, type ConditionNode, type GroupNode, type SegmentDefinition, type SegmentResolver } from "./schema";
import { createClock } from "./time";

/** Inputs of compilation besides the definition and the catalog. */
export interface CompileOptions {
  now: Date;
  /** The workspace's IANA time zone: "today" and day boundaries. */
  timeZone: string;
  workspaceId: string;
  /** Stored definitions of the workspace's segments, for segment conditions. */
  resolveSegment?: SegmentResolver;
  /** RFM scoring for rfm conditions (loadRfmContext at today; prepareSegment loads it when needed). */
  rfm?: RfmContext;
  /**
   * The caller evaluates only these customers (stored membership's drain restricts c to them): the
   * grouped orders / events sub-queries then read only their rows, not the whole workspace's.
   */
  onlyCustomers?: readonly string[];
}

const kit: SqlKit = { sql: Prisma.sql, join: Prisma.join, raw: Prisma.raw };

type References = ReadonlyMap<string, SegmentDefinition>;

/** AND / OR over the children, NOT when negated; a group without children is an error, never "everyone". */
export function compileGroup(group: GroupNode, env: SqlEnv, references: References): Prisma.Sql {
  if (group.children.length === 0) throw new InvalidDefinitionError([{ path: "root", message: "a group needs at least one condition" }]);
  const parts = group.children.map((child) => compileCondition(child, env, references));
  const joined = Prisma.sql`(${Prisma.join(parts, group.combinator === "and" ? " AND " : " OR ")})`;
  return group.negate ? Prisma.sql`(NOT ${joined})` : joined;
}

/** One node of the tree. */
export function compileCondition(node: ConditionNode, env: SqlEnv, references: References): Prisma.Sql {
  switch (node.type) {
    case "group":
      return compileGroup(node, env, references);
    case "field":
      return fieldNodeSql(node, env);
    case "orders":
      return ordersNodeSql(node, env);
    case "event":
      return eventNodeSql(node, env);
    case "segment": {
      const referenced = references.get(node.segmentId);
      if (!referenced) throw new InvalidDefinitionError([{ path: "root", message: `unknown segment ${node.segmentId}` }]);
      const inner = compileGroup(referenced.root, env, references);
      return node.operator === "in" ? inner : Prisma.sql`(NOT ${inner})`;
    }
    case "rfm":
      return rfmNodeSql(node, env);
  }
}

/**
 * Compiles a definition (validated again here: anything invalid throws InvalidDefinitionError)
 * into a predicate over "Customer" c.
 */
export function compileDefinition(definition: SegmentDefinition | unknown, catalog: FieldCatalog, options: CompileOptions): Prisma.Sql {
  const { resolved, env } = prepare(definition, catalog, options);
  return compileGroup(resolved.definition.root, env, resolved.references);
}

function prepare(definition: SegmentDefinition | unknown, catalog: FieldCatalog, options: CompileOptions) {
  const result = resolveDefinition(definition, catalog, { resolveSegment: options.resolveSegment });
  if (!result.ok) throw new InvalidDefinitionError(result.errors);
  const clock = createClock(options.now, options.timeZone);
  const env: SqlEnv = {
    q: kit,
    clock,
    catalog,
    workspaceId: options.workspaceId,
    fieldSql: (field) => fieldSql(field, clock.today),
    rfm: options.rfm,
    onlyCustomers: options.onlyCustomers,
  };
  return { resolved: result.resolved, env };
}

/**
 * When the definition is a single orders or event condition that only customers with rows can
 * meet: its members as a query of distinct "customerId"s over the workspace's orders or events,
 * which needs no customer row (every order and event belongs to a customer of its workspace, by
 * foreign key). Null for any other definition. Counting uses it; the members are compileWhere's.
 */
export function compileMemberIds(definition: SegmentDefinition | unknown, catalog: FieldCatalog, options: CompileOptions): Prisma.Sql | null {
  const { resolved, env } = prepare(definition, catalog, options);
  const { root } = resolved.definition;
  const only = !root.negate && root.children.length === 1 ? root.children[0] : undefined;
  if (only?.type === "orders") return ordersMembersSql(only, env);
  if (only?.type === "event") return eventMembersSql(only, env);
  return null;
}

/** The members' WHERE clause: c in the workspace, and the definition's predicate. */
export function compileWhere(definition: SegmentDefinition | unknown, catalog: FieldCatalog, options: CompileOptions): Prisma.Sql {
  return Prisma.sql`c."workspaceId" = ${options.workspaceId}::uuid AND ${compileDefinition(definition, catalog, options)}`;
}
