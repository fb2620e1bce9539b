/**
 * The in-app snapshot scheduler, run inside the `npm start` server process (instrumentation.ts), the
 * one process that owns the embedded database: a check at start and then every hour takes the
 * snapshots each workspace's current day is still missing (cheap when none is: one query per
 * workspace). Runs never overlap. SEGMENTA_SNAPSHOTS=off turns it off.
 */
import "server-only";
import { takeSnapshots } from "./take";

export const SNAPSHOT_CHECK_INTERVAL_MS = 60 * 60 * 1000;
const FIRST_CHECK_DELAY_MS = 5_000;

const holder = globalThis as unknown as { __segmentaSnapshotScheduler?: { stop(): void } };

/** One check: takes the missing snapshots of the day; never throws (failures are logged). */
export async function runSnapshotCheck(now: Date = new Date(), log: (line: string) => void = console.log): Promise<void> {
  try {
    const results = await takeSnapshots(now, { log });
    const taken = results.reduce((n, r) => n + r.taken, 0);
    const failed = results.reduce((n, r) => n + r.failed.length, 0);
    if (taken + failed > 0) log(`Segment snapshots: ${taken} taken, ${failed} failed (${results.map((r) => `${r.slug} ${r.day}`).join(", ")}).`);
  } catch (e) {
    console.error("Segment snapshots failed:", e);
  }
}

/** Starts the scheduler once per process; returns a stop function. */
export function startSnapshotScheduler(options: { intervalMs?: number; firstDelayMs?: number; log?: (line: string) => void } = {}): () => void {
  if (holder.__segmentaSnapshotScheduler) return holder.__segmentaSnapshotScheduler.stop;
  let running: Promise<void> | null = null;
  const check = () => {
    if (running) return; // the previous check is still counting
    running = runSnapshotCheck(new Date(), options.log).finally(() => {
      running = null;
    });
  };
  const first = setTimeout(check, options.firstDelayMs ?? FIRST_CHECK_DELAY_MS);
  const every = setInterval(check, options.intervalMs ?? SNAPSHOT_CHECK_INTERVAL_MS);
  first.unref();
  every.unref();
  const stop = () => {
    clearTimeout(first);
    clearInterval(every);
    holder.__segmentaSnapshotScheduler = undefined;
  };
  holder.__segmentaSnapshotScheduler = { stop };
  return stop;
}
