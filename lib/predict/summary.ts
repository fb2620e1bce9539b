/**
 * The purchase summary as a temporary table inside a transaction (./sql): built by one pass over
 * the workspace's paid orders, then read as the fits' grouped rows, the check's groups and cohort,
 * and the per-customer stream that scoring walks with a cursor. Every read goes through the
 * transaction's driver (on PGlite the outer client would wait for it).
 */
import "server-only";
import type { SqlDriver } from "@/lib/db/driver";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { LocalDate } from "@/lib/segments/time";
import type { PurchaseSummary, SpendSummary } from "./model";
import {
  cohortFirstDaysSql, cohortRepeatDaysSql, createSummaryTableSql, historyFactsSql, holdoutGroupsSql, purchaseGroupsSql,
  spendGroupsSql, summaryRowsSql, type SummaryScope,
} from "./sql";

/** A transaction holding the summary table. */
export interface SummaryTx {
  tx: SqlDriver;
  /** The summary's end (local date, inclusive). */
  end: LocalDate;
  /** The check's calibration end, when the table carries the check's columns. */
  calibrationEnd: LocalDate | null;
}

/** One customer's summary as scoring reads it (time in the unit asked for; dates local). */
export interface CustomerSummary {
  customerId: string;
  x: number;
  tx: number;
  T: number;
  zbar: number;
  firstDay: LocalDate;
  lastDay: LocalDate;
}

const run = <T>(tx: SqlDriver, statement: Prisma.Sql) => tx.query<T>(statement.text, statement.values);

/**
 * Builds the summary table through `end` (with the check's columns when calibrationEnd is given)
 * in tx. On PostgreSQL the transaction gets the memory and plan the pass needs (see
 * purchaseDaysSql): 256 MB of work_mem, no hash aggregation while the table is built, no JIT.
 */
export async function buildSummary(tx: SqlDriver, scope: SummaryScope, end: LocalDate, calibrationEnd: LocalDate | null = null): Promise<SummaryTx> {
  const postgres = tx.kind === "postgres";
  if (postgres) {
    await tx.query(`SELECT set_config('work_mem', '256MB', true), set_config('jit', 'off', true), set_config('enable_hashagg', 'off', true)`);
  }
  await run(tx, createSummaryTableSql(scope, end, calibrationEnd));
  // The reads group at most a million summaries: hashing is right for them.
  if (postgres) await tx.query(`SELECT set_config('enable_hashagg', 'on', true)`);
  return { tx, end, calibrationEnd };
}

/** Customers with a purchase day, those with two or more, and the earliest first purchase day (null: none). */
export async function historyFacts(s: SummaryTx): Promise<{ customers: number; repeaters: number; firstDay: LocalDate | null }> {
  const [row] = await run<{ customers: number; repeaters: number; firstDay: string | null }>(s.tx, historyFactsSql());
  return row;
}

/** BG/NBD's grouped input, time in units of daysPerUnit. */
export async function purchaseGroups(s: SummaryTx, daysPerUnit = 1): Promise<PurchaseSummary[]> {
  const rows = await run<{ x: number; tx: number; T: number; count: number }>(s.tx, purchaseGroupsSql(daysPerUnit));
  return rows.map((r) => ({ x: r.x, tx: Number(r.tx), T: Number(r.T), count: r.count }));
}

/** Gamma-Gamma's grouped input (customers with a repeat purchase day). */
export async function spendGroups(s: SummaryTx): Promise<SpendSummary[]> {
  const rows = await run<{ x: number; zbar: number; count: number }>(s.tx, spendGroupsSql());
  return rows.map((r) => ({ x: r.x, zbar: Number(r.zbar), count: r.count }));
}

/** The check's calibration groups in days, each with the holdout purchase days of its customers. */
export async function holdoutGroups(s: SummaryTx): Promise<(PurchaseSummary & { count: number; holdout: number })[]> {
  if (!s.calibrationEnd) throw new Error("the summary was built without a calibration end");
  const rows = await run<{ x: number; tx: number; T: number; count: number; holdout: number }>(s.tx, holdoutGroupsSql(s.calibrationEnd));
  return rows.map((r) => ({ x: r.x, tx: Number(r.tx), T: Number(r.T), count: r.count, holdout: r.holdout }));
}

/** The calibration cohort per day: customers who first bought that day, and repeat purchase days on it. */
export async function cohortDays(s: SummaryTx): Promise<{ firsts: { day: LocalDate; customers: number }[]; repeats: { day: LocalDate; repeats: number }[] }> {
  if (!s.calibrationEnd) throw new Error("the summary was built without a calibration end");
  const firsts = await run<{ day: string; customers: number }>(s.tx, cohortFirstDaysSql(s.calibrationEnd));
  const repeats = await run<{ day: string; repeats: number }>(s.tx, cohortRepeatDaysSql(s.calibrationEnd));
  return { firsts, repeats };
}

let cursors = 0;

/**
 * Every customer's summary in customerId order, in batches read through a cursor (constant memory
 * at any size); onBatch may run statements on tx between fetches.
 */
export async function forEachSummaryBatch(s: SummaryTx, daysPerUnit: number, batchSize: number, onBatch: (rows: CustomerSummary[]) => Promise<void> | void): Promise<void> {
  const name = `predict_summary_${++cursors}`;
  const statement = summaryRowsSql(daysPerUnit);
  await s.tx.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${statement.text}`, statement.values);
  try {
    for (;;) {
      const rows = await s.tx.query<CustomerSummary>(`FETCH FORWARD ${batchSize} FROM ${name}`);
      if (rows.length === 0) return;
      await onBatch(rows.map((r) => ({ ...r, tx: Number(r.tx), T: Number(r.T), zbar: Number(r.zbar) })));
      if (rows.length < batchSize) return;
    }
  } finally {
    // After a failed statement the transaction is aborted and CLOSE fails too: the first error is the one to report.
    await s.tx.query(`CLOSE ${name}`).catch(() => undefined);
  }
}
