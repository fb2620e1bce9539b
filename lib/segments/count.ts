/**
 * Counting for the rule builder: the member count, the funnel of the top-level conditions, and a
 * sample of members. Every query is scoped to the workspace and runs under a time budget
 * (AppError("timeout") instead of a hung page; see ./count-run).
 */
import "server-only";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { compileDefinition, compileWhere } from "./compile";
import { countStatement, prepareSegment, type PreparedSegment, type SegmentScope } from "./count-prepare";
import { COUNT_TIMEOUT_MS, runCounting, type RunStatement } from "./count-run";
import type { ConditionNode, GroupNode, SegmentDefinition } from "./schema";

export type { SegmentScope } from "./count-prepare";
export { COUNT_TIMEOUT_MS } from "./count-run";

/** Options of the count functions. */
export interface CountOptions {
  /** The instant relative dates and windows are measured from (default: now). */
  now?: Date;
  /** Budget of the whole call (default COUNT_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** One top-level condition of a funnel. */
export interface FunnelStep {
  /** "root.children[i]". */
  path: string;
  node: ConditionNode;
  /** Customers matching this condition alone. */
  count: number;
  /** Customers matching this and every earlier condition (an "or" root: this or any earlier one). */
  running: number;
  /** running minus the previous step's running (the first step: minus all customers); negative = removed. */
  change: number;
}

/** The funnel of a definition's top-level conditions. */
export interface SegmentFunnel {
  /** All customers of the workspace. */
  total: number;
  combinator: "and" | "or";
  /** The root group is negated: members are the customers outside the last running count. */
  negate: boolean;
  steps: FunnelStep[];
  /** Members of the whole definition. */
  members: number;
}

/** A member shown in the builder's sample. */
export interface MemberSample {
  id: string;
  /** First and last name, or null when both are empty. */
  name: string | null;
  email: string | null;
}

const one = async (run: RunStatement, statement: Prisma.Sql) => (await run<{ n: number }>(statement))[0].n;

/** How many customers of the workspace are members of the segment the definition describes. */
export async function countSegment(ctx: SegmentScope, definition: unknown, options: CountOptions = {}): Promise<number> {
  return countPrepared(await prepareSegment(ctx, definition, options.now), options);
}

/** The member count of an already prepared definition (its now and workspace are fixed by prepareSegment). */
export function countPrepared(prepared: PreparedSegment, options: Pick<CountOptions, "timeoutMs"> = {}): Promise<number> {
  return runCounting(options.timeoutMs ?? COUNT_TIMEOUT_MS, (run) => one(run, countStatement(prepared)));
}

function subDefinition(root: GroupNode, children: ConditionNode[], combinator = root.combinator): SegmentDefinition {
  return { version: 1, root: { type: "group", combinator, negate: false, children } };
}

/** Field conditions (and groups of them) read the customer row only: many can share one scan. */
function readsRowOnly(node: ConditionNode): boolean {
  return node.type === "field" || (node.type === "group" && node.children.every(readsRowOnly));
}

/** The counts of a funnel: row-only ones as FILTERs of one scan, the others one statement each. */
async function funnelCounts(run: RunStatement, prepared: PreparedSegment, parts: { definition: SegmentDefinition; rowOnly: boolean }[]) {
  const predicate = (d: SegmentDefinition) => compileDefinition(d, prepared.catalog, prepared.options);
  const shared = parts.map((p, i) => (p.rowOnly ? Prisma.sql`, count(*) FILTER (WHERE ${predicate(p.definition)})::int AS ${Prisma.raw(`"p${i}"`)}` : Prisma.empty));
  const [scan] = await run<Record<string, number>>(
    Prisma.sql`SELECT count(*)::int AS "total"${Prisma.join(shared, "")} FROM "Customer" c WHERE c."workspaceId" = ${prepared.options.workspaceId}::uuid`,
  );
  const counts: number[] = [];
  for (const [i, part] of parts.entries()) counts.push(part.rowOnly ? scan[`p${i}`] : await one(run, countStatement(prepared, part.definition)));
  return { total: scan.total, counts };
}

/**
 * The funnel of the top-level conditions: each one's own count and the running count of it with
 * the ones before (how many each rule removes), the workspace's customers and the members.
 */
export async function countFunnel(ctx: SegmentScope, definition: unknown, options: CountOptions = {}): Promise<SegmentFunnel> {
  const prepared = await prepareSegment(ctx, definition, options.now);
  const { root } = prepared.definition;
  const children = root.children;
  // Own counts of every child, then running counts from the second child on (the first equals its own).
  const parts = [
    ...children.map((child) => ({ definition: subDefinition(root, [child], "and"), rowOnly: readsRowOnly(child) })),
    ...children.slice(1).map((_, i) => ({
      definition: subDefinition(root, children.slice(0, i + 2)),
      rowOnly: children.slice(0, i + 2).every(readsRowOnly),
    })),
  ];
  const { total, counts } = await runCounting(options.timeoutMs ?? COUNT_TIMEOUT_MS, (run) => funnelCounts(run, prepared, parts));
  const steps: FunnelStep[] = [];
  children.forEach((node, i) => {
    const running = i === 0 ? counts[0] : counts[children.length + i - 1];
    const previous = i === 0 ? total : steps[i - 1].running;
    steps.push({ path: `root.children[${i}]`, node, count: counts[i], running, change: running - previous });
  });
  const last = steps[steps.length - 1].running;
  return { total, combinator: root.combinator, negate: root.negate, steps, members: root.negate ? total - last : last };
}

/** A few members of the segment (id, name, email), in a stable order. */
export async function sampleMembers(ctx: SegmentScope, definition: unknown, options: CountOptions & { limit: number }): Promise<MemberSample[]> {
  if (!Number.isInteger(options.limit) || options.limit < 1 || options.limit > 1000) {
    throw new AppError("invalid", "A sample holds 1 to 1,000 members.");
  }
  const prepared = await prepareSegment(ctx, definition, options.now);
  const where = compileWhere(prepared.definition, prepared.catalog, prepared.options);
  const rows = await runCounting(options.timeoutMs ?? COUNT_TIMEOUT_MS, (run) =>
    run<{ id: string; email: string | null; firstName: string | null; lastName: string | null }>(
      Prisma.sql`SELECT c."id"::text AS "id", c."email", c."firstName", c."lastName" FROM "Customer" c
                 WHERE ${where} ORDER BY c."id" LIMIT ${options.limit}::int`,
    ),
  );
  return rows.map((r) => ({ id: r.id, email: r.email, name: [r.firstName, r.lastName].filter((s) => s && s.trim()).join(" ") || null }));
}
