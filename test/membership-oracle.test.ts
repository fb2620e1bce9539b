/**
 * The oracle of stored membership: random sequences of writes (inserts, updates, orders with
 * items, events, erasures), definition saves (with referrers), RFM refreshes and clock advances
 * across the 2026-03-29 DST change in Europe/Warsaw and the March month end. After every
 * syncMembership(now), every segment's stored members equal the live evaluation of its definition
 * at now and memberCount equals their number. Runs on PGlite and (DATABASE_URL) PostgreSQL.
 */
import crypto from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { invalidateReferrersSql } from "@/lib/membership/invalidate";
import { syncMembership } from "@/lib/membership/sync";
import { storeRfmScores } from "@/lib/rfm/mutations";
import type { CustomerRecord } from "@/lib/segments/record";
import { createClock, localDateOf } from "@/lib/segments/time";
import { expectExact, insertSegment } from "./membership-support";
import { customerArb, definitionArb, pools } from "./segments-arbitraries";
import { createWorkspace, insertCustomers, TEST_CATALOG, TEST_CUSTOM_FIELDS } from "./segments-support";
import { setupTestDb, teardownTestDb } from "./support/db";

const ZONE = "Europe/Warsaw";
const START = new Date("2026-03-27T21:30:00Z"); // 22:30 local, two days before the DST change, four before the month end
const SEGMENTS = 4;

let db: Db;
beforeAll(async () => {
  db = await setupTestDb();
});
afterAll(teardownTestDb);

const P = pools(createClock(START, ZONE));
const customers = (n: number, from: number) => fc.tuple(...Array.from({ length: n }, (_, i) => customerArb(P, from + i)));

type Action =
  | { kind: "insert"; record: CustomerRecord }
  | { kind: "update"; target: number; record: CustomerRecord }
  | { kind: "order"; target: number; record: CustomerRecord }
  | { kind: "event"; target: number; record: CustomerRecord }
  | { kind: "erase"; target: number }
  | { kind: "save"; segment: number; definition: unknown }
  | { kind: "rfm" }
  | { kind: "advance"; hours: number };

function actionArb(ids: string[]): fc.Arbitrary<Action> {
  const target = fc.nat(1000);
  return fc.oneof(
    { weight: 2, arbitrary: customerArb(P, 500).map((record): Action => ({ kind: "insert", record })) },
    { weight: 4, arbitrary: fc.record({ target, record: customerArb(P, 600) }).map((a): Action => ({ kind: "update", ...a })) },
    { weight: 2, arbitrary: fc.record({ target, record: customerArb(P, 700) }).map((a): Action => ({ kind: "order", ...a })) },
    { weight: 2, arbitrary: fc.record({ target, record: customerArb(P, 800) }).map((a): Action => ({ kind: "event", ...a })) },
    { weight: 1, arbitrary: target.map((t): Action => ({ kind: "erase", target: t })) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: SEGMENTS - 1 }).chain((segment) =>
        definitionArb(TEST_CATALOG, P, ids.slice(0, Math.max(1, segment))).map((definition): Action => ({ kind: "save", segment, definition }))) },
    { weight: 1, arbitrary: fc.constant<Action>({ kind: "rfm" }) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 40 }).map((hours): Action => ({ kind: "advance", hours })) },
  );
}

async function liveCustomerIds(ws: string): Promise<string[]> {
  return (await db.sql.query<{ id: string }>(`SELECT "id"::text AS "id" FROM "Customer" WHERE "workspaceId" = $1 ORDER BY 1`, [ws])).map((r) => r.id);
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Recomputes a customer's derived order stats, as the order writes do in their transaction. */
const DERIVED = `UPDATE "Customer" c SET "ordersCount" = s."n", "totalSpent" = s."total", "averageOrderValue" = CASE WHEN s."n" > 0 THEN round(s."total" / s."n", 2) END,
    "firstOrderAt" = s."first", "lastOrderAt" = s."last"
  FROM (SELECT count(*) FILTER (WHERE "status" = 'paid')::int AS "n", coalesce(sum("total") FILTER (WHERE "status" = 'paid'), 0) AS "total",
               min("placedAt") FILTER (WHERE "status" = 'paid') AS "first", max("placedAt") FILTER (WHERE "status" = 'paid') AS "last"
          FROM "Order" WHERE "workspaceId" = $1 AND "customerId" = $2) s
 WHERE c."workspaceId" = $1 AND c."id" = $2`;

async function apply(ws: string, action: Action, segmentIds: string[], now: Date): Promise<void> {
  const ids = await liveCustomerIds(ws);
  const pickId = (t: number) => ids[t % ids.length];
  switch (action.kind) {
    case "insert":
      return insertCustomers(db.sql, ws, [{ ...action.record, customer: { ...action.record.customer, id: crypto.randomUUID(), email: null } }]);
    case "update": {
      if (ids.length === 0) return;
      const c = action.record.customer;
      await db.sql.query(
        `UPDATE "Customer" SET "country" = $3, "lastSeenAt" = $4, "signedUpAt" = $5, "birthDate" = $6::date, "emailOptIn" = $7, "tags" = $8::text[],
           "attributes" = $9::jsonb, "companySize" = $10, "gender" = $11, "updatedAt" = now() WHERE "workspaceId" = $1 AND "id" = $2`,
        [ws, pickId(action.target), c.country, iso(c.lastSeenAt), iso(c.signedUpAt), c.birthDate, c.emailOptIn, c.tags, JSON.stringify(c.attributes), c.companySize, c.gender],
      );
      return;
    }
    case "order": {
      if (ids.length === 0 || action.record.orders.length === 0) return;
      const id = pickId(action.target);
      const o = action.record.orders[0];
      await db.sql.transaction(async (tx) => {
        const [row] = await tx.query<{ id: string }>(`INSERT INTO "Order" ("workspaceId", "customerId", "placedAt", "total", "status") VALUES ($1, $2, $3, $4, $5) RETURNING "id"`, [
          ws, id, o.placedAt.toISOString(), String(o.total), o.status,
        ]);
        for (const item of o.items) {
          await tx.query(`INSERT INTO "OrderItem" ("workspaceId", "orderId", "name", "category", "quantity", "unitPrice") VALUES ($1, $2, 'x', $3, $4, $5)`, [
            ws, row.id, item.category, item.quantity, String(item.unitPrice),
          ]);
        }
        await tx.query(DERIVED, [ws, id]);
      });
      return;
    }
    case "event": {
      if (ids.length === 0 || action.record.events.length === 0) return;
      const e = action.record.events[0];
      await db.sql.query(`INSERT INTO "Event" ("workspaceId", "customerId", "name", "occurredAt", "properties") VALUES ($1, $2, $3, $4, $5::jsonb)`, [
        ws, pickId(action.target), e.name, e.occurredAt.toISOString(), JSON.stringify(e.properties),
      ]);
      return;
    }
    case "erase":
      if (ids.length > 0) await db.sql.query(`DELETE FROM "Customer" WHERE "workspaceId" = $1 AND "id" = $2`, [ws, pickId(action.target)]);
      return;
    case "save": {
      const id = segmentIds[action.segment];
      await db.sql.transaction(async (tx) => {
        await tx.query(`UPDATE "Segment" SET "definition" = $3::jsonb, "version" = "version" + 1 WHERE "workspaceId" = $1 AND "id" = $2`, [ws, id, JSON.stringify(action.definition)]);
        const stale = invalidateReferrersSql(ws, id);
        await tx.query(stale.text, stale.values);
      });
      return;
    }
    case "rfm":
      return storeRfmScores(db.sql, { workspaceId: ws, timeZone: ZONE }, localDateOf(now.getTime(), ZONE));
    case "advance":
      return;
  }
}

describe("stored membership oracle", () => {
  it("equals the live evaluation after every sync, across a DST change and a month end", { timeout: 120_000 }, async () => {
    const ids: string[] = Array.from({ length: SEGMENTS }, () => crypto.randomUUID());
    let checks = 0;
    await fc.assert(
      fc.asyncProperty(
        customers(12, 0),
        fc.tuple(...ids.map((_, k) => definitionArb(TEST_CATALOG, P, ids.slice(0, Math.max(1, k))))),
        fc.array(actionArb(ids), { minLength: 6, maxLength: 14 }),
        async (people, definitions, actions) => {
          const ws = await createWorkspace(db.sql, ZONE);
          for (const f of TEST_CUSTOM_FIELDS) {
            await db.sql.query(`INSERT INTO "CustomField" ("workspaceId", "key", "label", "type", "options", "archived") VALUES ($1, $2, $3, $4::"CustomFieldType", $5::jsonb, $6)`, [
              ws, f.key, f.label, f.type, JSON.stringify(f.options ?? []), f.archived ?? false,
            ]);
          }
          await insertCustomers(db.sql, ws, people.map((p) => ({ ...p, customer: { ...p.customer, id: crypto.randomUUID() } })));
          // Segment ids are the run's own (segment conditions refer to earlier segments only: no cycles).
          const runIds: string[] = [];
          for (const [k, definition] of definitions.entries()) {
            const text = JSON.stringify(definition).replaceAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (m) => runIds[ids.indexOf(m)] ?? m);
            runIds.push(await insertSegment(db.sql, ws, JSON.parse(text), `S${k}`));
          }
          let now = START;
          await syncMembership({ now, workspaceId: ws });
          checks += await expectExact(db.sql, ws, now, "initial");
          for (const action of actions) {
            const mapped = action.kind === "save"
              ? { ...action, definition: JSON.parse(JSON.stringify(action.definition).replaceAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (m) => runIds[ids.indexOf(m)] ?? m)) }
              : action;
            if (action.kind === "advance") {
              now = new Date(now.getTime() + action.hours * 3_600_000);
              await syncMembership({ now, workspaceId: ws });
              checks += await expectExact(db.sql, ws, now, `after ${action.hours} h`);
            } else {
              await apply(ws, mapped, runIds, now);
            }
          }
          await syncMembership({ now, workspaceId: ws });
          checks += await expectExact(db.sql, ws, now, "final");
        },
      ),
      { numRuns: 25, seed: Number(process.env.ORACLE_SEED ?? 1304) },
    );
    // Most segments parse and are checked at every sync; some hold members, some change over time.
    expect(checks).toBeGreaterThan(25 * SEGMENTS * 2);
    const [{ members, changes, causes }] = await db.sql.query<{ members: number; changes: number; causes: string[] }>(
      `SELECT (SELECT count(*)::int FROM "SegmentMember") AS "members", (SELECT count(*)::int FROM "SegmentMembershipChange") AS "changes",
              (SELECT array_agg(DISTINCT "cause"::text ORDER BY "cause"::text) FROM "SegmentMembershipChange") AS "causes"`);
    console.log(`oracle: ${checks} segment checks, ${members} stored members, ${changes} logged changes, causes ${causes.join(", ")}`);
    expect(members).toBeGreaterThan(0);
    expect(causes).toEqual(expect.arrayContaining(["day_change", "definition_change", "full_refresh", "write"]));
  });
});
