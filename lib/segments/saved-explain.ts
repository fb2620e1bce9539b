/** "Why is this customer in it?": every saved segment of the workspace explained for one customer. */
import "server-only";
import { getCatalog } from "@/lib/fields/queries";
import type { FieldCatalog } from "@/lib/fields/catalog";
import { loadLiveRfmContext, todayIn } from "@/lib/rfm/queries";
import { explainDefinition, type ExplainNode } from "./explain";
import { loadCustomerRecords } from "./queries";
import { parseDefinition } from "./schema";
import { listSegmentDefinitions } from "./saved-queries";
import { usesRfm, type SegmentScope } from "./count-prepare";

/** One segment's verdict for the customer: member or not with the explained tree, or why it can't be evaluated. */
export interface CustomerSegmentVerdict {
  id: string;
  name: string;
  member: boolean | null;
  explanation: ExplainNode | null;
  problem: string | null;
}

/**
 * Evaluates every saved segment of the workspace for one customer with the in-memory evaluator (the
 * engine's oracle, identical to the SQL compiler): the customer's orders and events are loaded once.
 * Null when the workspace has no such customer.
 */
export async function explainCustomerSegments(ctx: SegmentScope, customerId: string, now: Date = new Date()): Promise<{ catalog: FieldCatalog; verdicts: CustomerSegmentVerdict[] } | null> {
  const [catalog, segments, records] = await Promise.all([getCatalog(ctx), listSegmentDefinitions(ctx), loadCustomerRecords(ctx, [customerId])]);
  const record = records.get(customerId);
  if (!record) return null;
  const stored = new Map(segments.map((s) => [s.id, s.definition]));
  const resolveSegment = (id: string) => stored.get(id.toLowerCase());
  const parsed = segments.map((s) => ({ segment: s, result: parseDefinition(s.definition, catalog, { resolveSegment, segmentId: s.id }) }));
  // RFM conditions (also those reached through a segment condition, which are among these) score live, as counts do.
  const rfm = parsed.some(({ result }) => result.ok && usesRfm(result.definition)) ? await loadLiveRfmContext(ctx, todayIn(ctx.timeZone, now)) : undefined;
  const verdicts = parsed.map(({ segment: s, result }): CustomerSegmentVerdict => {
    if (!result.ok) return { id: s.id, name: s.name, member: null, explanation: null, problem: `${result.errors[0].path}: ${result.errors[0].message}` };
    const explanation = explainDefinition(result.definition, catalog, record, { now, timeZone: ctx.timeZone, resolveSegment, rfm });
    return { id: s.id, name: s.name, member: explanation.result, explanation, problem: null };
  });
  return { catalog, verdicts };
}
