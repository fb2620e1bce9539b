/**
 * Differential test: random valid definitions over random customers; the SQL compiler's member
 * set on the database must equal the evaluator's, batch after batch of zones and "nows" chosen
 * on DST days, month ends, leap days and year ends. SEGMENTS_SEED=n replays a run.
 */
import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { measuresOf, type RfmContext } from "@/lib/rfm/context";
import { loadRfmPopulation } from "@/lib/rfm/queries";
import { DEFAULT_RFM_RULES } from "@/lib/rfm/rules";
import { computeCuts, type RfmMeasures } from "@/lib/rfm/scoring";
import { loadCustomerRecords } from "@/lib/segments/queries";
import type { CustomerRecord } from "@/lib/segments/record";
import { parseDefinition } from "@/lib/segments/schema";
import { createClock } from "@/lib/segments/time";
import { setupTestDb, teardownTestDb } from "./support/db";
import { customerArb, definitionArb, pools } from "./segments-arbitraries";
import { TEST_CATALOG, createWorkspace, evaluatorMembers, insertCustomers, only, sqlMembers, where } from "./segments-support";

const SEED = Number(process.env.SEGMENTS_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CUSTOMERS_PER_BATCH = 60;
const DEFINITIONS_PER_BATCH = Number(process.env.SEGMENTS_DEFINITIONS ?? 125);

const BATCHES = [
  { timeZone: "Pacific/Auckland", now: "2024-02-29T11:30:00Z" },
  { timeZone: "America/New_York", now: "2024-03-10T06:59:00Z" },
  { timeZone: "Europe/Warsaw", now: "2024-03-31T00:30:00Z" },
  { timeZone: "UTC", now: "2023-12-31T23:59:59.999Z" },
  { timeZone: "Pacific/Auckland", now: "2023-12-31T11:30:00Z" },
  { timeZone: "America/New_York", now: "2024-11-03T05:30:00Z" },
  { timeZone: "Europe/Warsaw", now: "2025-02-28T12:00:00Z" },
  { timeZone: "America/Santiago", now: "2024-09-08T04:30:00Z" },
  { timeZone: "UTC", now: "2024-01-31T12:00:00Z" },
  { timeZone: "Pacific/Auckland", now: "2025-03-31T10:00:00Z" },
  { timeZone: "America/New_York", now: "2024-08-31T23:00:00Z" },
  { timeZone: "Europe/Warsaw", now: "2024-12-31T23:30:00Z" },
];

const S1 = "00000000-0000-4000-8000-0000000000a1";
const S2 = "00000000-0000-4000-8000-0000000000a2";
const S3 = "00000000-0000-4000-8000-0000000000a3";
const STORED: Record<string, unknown> = {
  [S1]: only(where("city", "contains", "a")),
  [S2]: only({ type: "orders", measure: "count", operator: "gte", value: 1, window: { type: "last", amount: 30, unit: "day" } }),
  [S3]: { version: 1, root: { type: "group", combinator: "or", negate: true, children: [{ type: "segment", segmentId: S1, operator: "in" }, where("tags", "has_any", ["vip"])] } },
};
const resolveSegment = (id: string) => STORED[id];

let db: Db;
beforeAll(async () => {
  db = await setupTestDb();
});
afterAll(teardownTestDb);

const shape = { definitions: 0, none: 0, all: 0 };
afterAll(() => {
  console.log(`differential: ${shape.definitions} definitions (seed ${SEED}); ${shape.none} matched nobody, ${shape.all} everybody, the rest split the population`);
});

function reproduction(definition: unknown, batch: (typeof BATCHES)[number], onlySql: string[], onlyEval: string[], records: Map<string, CustomerRecord>): string {
  const involved = [...onlySql, ...onlyEval].map((id) => records.get(id));
  return [
    `SQL and evaluator disagree (time zone ${batch.timeZone}, now ${batch.now}, seed ${SEED})`,
    `definition: ${JSON.stringify(definition)}`,
    `only in SQL: ${JSON.stringify(onlySql)}; only in the evaluator: ${JSON.stringify(onlyEval)}`,
    `customers involved:`,
    ...involved.map((r) => JSON.stringify(r)),
  ].join("\n");
}

test.each(BATCHES.map((b, i) => ({ ...b, index: i })))("compiler = evaluator: $timeZone at $now", async (batch) => {
  const clock = createClock(new Date(batch.now), batch.timeZone);
  const p = pools(clock);
  const [population] = fc.sample(fc.tuple(...Array.from({ length: CUSTOMERS_PER_BATCH }, (_, i) => customerArb(p, i))), { seed: SEED + batch.index, numRuns: 1 });
  const workspaceId = await createWorkspace(db.sql, batch.timeZone);
  await insertCustomers(db.sql, workspaceId, population);
  const records = await loadCustomerRecords({ workspaceId }, population.map((c) => c.customer.id));
  expect(records.size).toBe(CUSTOMERS_PER_BATCH);
  // RFM conditions: the database's quantiles (percentile_cont) must equal the pure type-7 ones.
  const rfmPopulation = await loadRfmPopulation(db.sql, { workspaceId, timeZone: batch.timeZone }, clock.today);
  const measured = [...records.values()].map((r) => measuresOf(r.customer, clock.today, batch.timeZone)).filter((m): m is RfmMeasures => m !== null);
  expect(rfmPopulation.cuts).toEqual(measured.length > 0 ? computeCuts(measured) : null);
  const rfm: RfmContext = { analysisDate: clock.today, timeZone: batch.timeZone, rules: DEFAULT_RFM_RULES, cuts: rfmPopulation.cuts };
  const options = { now: new Date(batch.now), timeZone: batch.timeZone, resolveSegment, rfm };

  await fc.assert(
    fc.asyncProperty(definitionArb(TEST_CATALOG, p, [S1, S2, S3]), async (definition) => {
      const parsed = parseDefinition(definition, TEST_CATALOG, { resolveSegment });
      if (!parsed.ok) throw new Error(`the generator made an invalid definition: ${JSON.stringify(parsed.errors)}\n${JSON.stringify(definition)}`);
      const fromSql = await sqlMembers(db.sql, definition, TEST_CATALOG, { ...options, workspaceId });
      const fromEvaluator = evaluatorMembers(definition, TEST_CATALOG, records.values(), options);
      const onlySql = fromSql.filter((id) => !fromEvaluator.includes(id));
      const onlyEval = fromEvaluator.filter((id) => !fromSql.includes(id));
      if (onlySql.length > 0 || onlyEval.length > 0) throw new Error(reproduction(definition, batch, onlySql, onlyEval, records));
      shape.definitions += 1;
      if (fromSql.length === 0) shape.none += 1;
      if (fromSql.length === CUSTOMERS_PER_BATCH) shape.all += 1;
    }),
    { seed: SEED + 1000 + batch.index, numRuns: DEFINITIONS_PER_BATCH },
  );
});
