import "server-only";
import type { SqlDriver } from "@/lib/db/client";
import type { RowError } from "./rows";

/** What writing a batch did, in rows. */
export interface WriteOutcome {
  created: number;
  updated: number;
  skipped: number;
  errors: RowError[];
}

/** An empty outcome. */
export function emptyOutcome(): WriteOutcome {
  return { created: 0, updated: 0, skipped: 0, errors: [] };
}

/** Adds b's counts and errors into a. */
export function addOutcome(a: WriteOutcome, b: WriteOutcome): void {
  a.created += b.created;
  a.updated += b.updated;
  a.skipped += b.skipped;
  a.errors.push(...b.errors);
}

const UNIQUE_MESSAGES: ReadonlyArray<[RegExp, Refusal]> = [
  [/Customer_workspaceId_email_key/, { reason: "Another customer in this workspace already has this email.", target: "email" }],
  [/Customer_workspaceId_externalId_key/, { reason: "Another customer in this workspace already has this external ID.", target: "externalId" }],
  [/Order_workspaceId_externalId_key/, { reason: "Another order in this workspace already has this order ID.", target: "orderId" }],
];

/** Why the database refused a row, and the target whose value it refused when known. */
export interface Refusal {
  reason: string;
  target?: string;
}

function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * Why the database refused a row, in words for the error report; null when the failure is not
 * about the row's data (a lost connection, a bug), which must stop the import instead.
 */
export function rowRefusal(e: unknown): Refusal | null {
  const state = sqlState(e);
  if (!state || !(state.startsWith("22") || state.startsWith("23"))) return null;
  const text = `${(e as Error).message ?? ""} ${(e as { constraint?: string }).constraint ?? ""}`;
  if (state === "23505") return UNIQUE_MESSAGES.find(([re]) => re.test(text))?.[1] ?? { reason: "A value that must be unique in this workspace is already taken." };
  if (state === "22003") return { reason: "A number in this row is too large to store." };
  if (state === "22001") return { reason: "A value in this row is too long to store." };
  return { reason: `The database refused this row (${state}).` };
}

/**
 * Runs a batch write inside a savepoint; when the database refuses it, rolls the batch back and
 * writes each item on its own (each in its own savepoint), so one bad row fails alone. Items are
 * whole units (a customer row, an order with its lines): each is applied whole or not at all.
 */
export async function writeWithFallback<T>(
  tx: SqlDriver,
  items: readonly T[],
  write: (items: readonly T[]) => Promise<WriteOutcome>,
  fail: (item: T, refusal: Refusal) => WriteOutcome,
): Promise<WriteOutcome> {
  if (items.length === 0) return emptyOutcome();
  await tx.query("SAVEPOINT import_batch");
  try {
    const outcome = await write(items);
    await tx.query("RELEASE SAVEPOINT import_batch");
    return outcome;
  } catch (e) {
    await tx.query("ROLLBACK TO SAVEPOINT import_batch");
    if (rowRefusal(e) === null) throw e;
  }
  const total = emptyOutcome();
  for (const item of items) {
    await tx.query("SAVEPOINT import_row");
    try {
      addOutcome(total, await write([item]));
      await tx.query("RELEASE SAVEPOINT import_row");
    } catch (e) {
      await tx.query("ROLLBACK TO SAVEPOINT import_row");
      const reason = rowRefusal(e);
      if (reason === null) throw e;
      addOutcome(total, fail(item, reason));
    }
  }
  return total;
}
