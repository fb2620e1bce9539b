/**
 * The rfm node: the customer's RFM segment is (or is not) one of the named segments. Scored live
 * (docs/decisions/004-rfm-scores.md): the population's quantiles at today in the workspace's zone,
 * the workspace's rule set, the customer's current paid-order stats. A customer without a paid
 * order has no RFM segment: an empty value, so only not_in holds. Names compare exactly.
 */
import { z } from "zod";
import { classify, type RfmContext } from "@/lib/rfm/context";
import { inSegmentsSql } from "@/lib/rfm/sql";
import { InvalidDefinitionError } from "../errors";
import { LIMITS } from "../limits";
import type { Sql } from "../operators";
import type { CustomerRecord } from "../record";
import { definitionString } from "../values";
import type { EvalEnv, SqlEnv } from "./env";

/** An rfm condition as written. */
export const rfmNodeSchema = z.strictObject({
  type: z.literal("rfm"),
  operator: z.enum(["in", "not_in"], { error: 'operator must be "in" or "not_in"' }),
  value: z
    .array(definitionString.refine((s) => s.trim().length > 0, "an RFM segment name must not be empty"), { error: "value must be a list of RFM segment names" })
    .min(1, "value must name at least one RFM segment")
    .max(LIMITS.children, `value names at most ${LIMITS.children} RFM segments`),
});
export type RfmNode = z.infer<typeof rfmNodeSchema>;

function requireContext(rfm: RfmContext | undefined): RfmContext {
  if (!rfm) throw new InvalidDefinitionError([{ path: "root", message: "RFM conditions need the workspace's RFM scoring context (rules and quantiles), and none was given" }]);
  return rfm;
}

/** The condition as SQL over "Customer" c. */
export function rfmNodeSql(node: RfmNode, env: SqlEnv): Sql {
  const { q } = env;
  const rfm = requireContext(env.rfm);
  const member = rfm.cuts ? inSegmentsSql(q, { ...rfm, cuts: rfm.cuts }, node.value) : q.sql`FALSE`;
  return node.operator === "in" ? member : q.sql`(NOT ${member})`;
}

/** The condition for one record, with the customer's segment (null: no paid order, so no segment). */
export function evaluateRfmNode(node: RfmNode, record: CustomerRecord, env: EvalEnv): { result: boolean; measured: string | null } {
  const scored = classify(record.customer, requireContext(env.rfm));
  const member = scored !== null && node.value.includes(scored.segment);
  return { result: node.operator === "in" ? member : !member, measured: scored ? `${scored.segment} (R ${scored.r}, F ${scored.f}, M ${scored.m})` : null };
}
