/**
 * Listeners of membership changes (the webhooks outbox registers one). Each is called inside the
 * transaction that applied a segment's batch, once per batch with changes, so whatever it writes
 * commits or rolls back with the changes themselves: nothing reported that did not happen, nothing
 * that happened left unreported.
 */
import type { SqlDriver } from "@/lib/db/driver";

/** One segment's batch of changes, as logged in "SegmentMembershipChange" under batchId. */
export interface MembershipChange {
  workspaceId: string;
  segmentId: string;
  batchId: string;
  entered: number;
  exited: number;
}

/** A listener: reads the batch's change rows through tx (the applying transaction) if it needs them. */
export type MembershipChangeHook = (tx: SqlDriver, change: MembershipChange) => Promise<void>;

// On globalThis so that Next's bundles of the same module (and dev reloads) share one list.
const holder = globalThis as unknown as { __segmentaMembershipHooks?: MembershipChangeHook[] };
const hooks = (holder.__segmentaMembershipHooks ??= []);

/** Registers a listener (once per function); returns a function that removes it. */
export function onMembershipChange(fn: MembershipChangeHook): () => void {
  if (!hooks.includes(fn)) hooks.push(fn);
  return () => {
    const i = hooks.indexOf(fn);
    if (i >= 0) hooks.splice(i, 1);
  };
}

/** Calls every listener for a batch, in registration order; a listener's error aborts the transaction. */
export async function notifyMembershipChange(tx: SqlDriver, change: MembershipChange): Promise<void> {
  if (change.entered === 0 && change.exited === 0) return;
  for (const fn of [...hooks]) await fn(tx, change);
}
