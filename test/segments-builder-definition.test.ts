/**
 * The nested segment the builder e2e test builds through the UI (e2e/support/nested-segment.ts),
 * counted on the demo seed by the engine and by hand-written SQL: they must agree. The e2e server's
 * embedded database can't be opened by a second process while it runs, so the hand-written count
 * is checked here on the same seed; the e2e test checks the builder shows the engine's count.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { ensureDemoWorkspace, DEMO_WORKSPACE } from "@/lib/seed/demo";
import { countFunnel, countSegment } from "@/lib/segments/count";
import { NESTED_SEGMENT_DEFINITION } from "../e2e/support/nested-segment";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
let workspaceId: string;
const now = new Date();

beforeAll(async () => {
  db = await setupTestDb();
  ({ workspaceId } = await ensureDemoWorkspace(db));
}, 300_000);
afterAll(teardownTestDb);

/** Start of the day `days` days before today in the workspace zone, as SQL over $2 (now) and $3 (zone). */
const dayStart = (days: number) => `((date_trunc('day', $2::timestamptz AT TIME ZONE $3) - interval '${days} days') AT TIME ZONE $3)`;

const HAND_WRITTEN = `
  SELECT count(*)::int AS n FROM "Customer" c
   WHERE c."workspaceId" = $1
     AND lower(c."country") IN ('us', 'gb')
     AND EXISTS (SELECT 1 FROM "Order" o WHERE o."workspaceId" = c."workspaceId" AND o."customerId" = c."id"
                   AND o."status" = 'paid' AND o."placedAt" >= ${dayStart(365)} AND o."placedAt" <= $2)
     AND NOT (
           COALESCE(c."attributes" -> 'interests' @> '["travel"]'::jsonb, false)
        OR EXISTS (SELECT 1 FROM "Event" e WHERE e."workspaceId" = c."workspaceId" AND e."customerId" = c."id"
                     AND e."name" = 'email_opened' AND e."occurredAt" >= ${dayStart(30)} AND e."occurredAt" <= $2))`;

it("counts the e2e nested segment exactly as hand-written SQL does on the demo seed", async () => {
  const ctx = { workspaceId, timeZone: DEMO_WORKSPACE.timeZone };
  const [{ n: expected }] = await db.sql.query<{ n: number }>(HAND_WRITTEN, [workspaceId, now.toISOString(), DEMO_WORKSPACE.timeZone]);
  expect(expected).toBeGreaterThan(0);
  expect(await countSegment(ctx, NESTED_SEGMENT_DEFINITION, { now })).toBe(expected);
  const funnel = await countFunnel(ctx, NESTED_SEGMENT_DEFINITION, { now });
  expect(funnel.members).toBe(expected);
  expect(funnel.total).toBe(DEMO_WORKSPACE.customers);
}, 120_000);
