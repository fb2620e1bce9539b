/** The time budget of counts: a clear AppError("timeout") instead of a hung page; read-only; what PGlite cannot do. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { countFunnel, countSegment } from "@/lib/segments/count";
import { runCounting } from "@/lib/segments/count-run";
import { setupTestDb, teardownTestDb } from "./support/db";
import { createWorkspace, customer, insertCustomers, only, where } from "./segments-support";

let db: Db;
let scope: { workspaceId: string; timeZone: string };
const onPostgres = Boolean(process.env.DATABASE_URL);

beforeAll(async () => {
  db = await setupTestDb();
  scope = { workspaceId: await createWorkspace(db.sql), timeZone: "UTC" };
  await insertCustomers(db.sql, scope.workspaceId, [customer({ firstName: "Ana", country: "PL" }), customer({ firstName: "Ben", country: "DE" })]);
});
afterAll(teardownTestDb);

async function timeoutOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("timeout");
  return error as AppError;
}

const funnel = only(
  { type: "orders", measure: "count", operator: "gte", value: 1, window: { type: "last", amount: 30, unit: "day" } },
  { type: "event", name: "page_view", operator: "eq", value: 0 },
  { type: "orders", measure: "sum", operator: "gte", value: 10, filter: { categories: ["books"] } },
);

test("a budget spent between statements stops the rest with a clear message (PostgreSQL and PGlite)", async () => {
  const error = await timeoutOf(countFunnel(scope, funnel, { timeoutMs: 1 }));
  expect(error.message).toMatch(/^Counting took longer than 1 ms and was stopped\. Narrow the segment/);
  expect(await countFunnel(scope, funnel)).toMatchObject({ total: 2, members: 0 });
});

test("count sessions are read-only", async () => {
  await expect(runCounting(5_000, (run) => run({ text: `DELETE FROM "Customer" WHERE "workspaceId" = $1`, values: [scope.workspaceId] }))).rejects.toThrow(/read-only/);
  expect(await countSegment(scope, only(where("country", "is_not_empty")))).toBe(2);
});

describe.runIf(onPostgres)("on PostgreSQL, statement_timeout cancels a running count", () => {
  let slow: { workspaceId: string; timeZone: string };
  beforeAll(async () => {
    slow = { workspaceId: await createWorkspace(db.sql), timeZone: "UTC" };
    await db.sql.query(
      `INSERT INTO "Customer" ("workspaceId", "firstName", "email") SELECT $1, 'name ' || g, 'c' || g || '@slow.test' FROM generate_series(1, 200000) g`,
      [slow.workspaceId],
    );
  });

  test("a statement past the budget is cancelled", async () => {
    const started = performance.now();
    const error = await timeoutOf(runCounting(200, (run) => run({ text: "SELECT pg_sleep(10)", values: [] })));
    expect(error.message).toMatch(/longer than 200 ms/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  test("a deliberately slow definition ends in the timeout error, then counting works again", async () => {
    const contains = Array.from({ length: 40 }, (_, i) => where("firstName", "contains", `zz${i}`));
    const definition = only({ type: "group", combinator: "or", negate: false, children: contains });
    const error = await timeoutOf(countSegment(slow, definition, { timeoutMs: 50 }));
    expect(error.message).toMatch(/^Counting took longer than 50 ms/);
    expect(await countSegment(slow, definition, { timeoutMs: 60_000 })).toBe(0);
    expect(await countSegment(slow, only(where("firstName", "starts_with", "name 1999")), { timeoutMs: 60_000 })).toBe(111);
  });
});

describe.runIf(!onPostgres)("on PGlite, a running statement cannot be interrupted", () => {
  test("a single slow statement runs to its end (the documented limit)", async () => {
    const rows = await runCounting(50, (run) => run<{ ok: boolean }>({ text: "SELECT true AS ok FROM pg_sleep(0.3)", values: [] }));
    expect(rows).toEqual([{ ok: true }]);
  });
});
