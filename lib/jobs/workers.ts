/**
 * Background workers hosted by the runner (registerWorker): each is a loop that calls work() again
 * at once while it reports progress, sleeps idleMs when it has nothing to do (wakeWorker cuts the
 * sleep short), and backs off after errors, doubling from idleMs up to a minute.
 */
import type { Worker } from "./registry";

const MAX_ERROR_BACKOFF_MS = 60_000;

/** A running worker loop. */
export interface WorkerLoop {
  stop(): Promise<void>;
}

/** Starts a worker's loop; stop() ends it after the current work() call returns. */
export function startWorkerLoop(worker: Worker, log: (line: string) => void): WorkerLoop {
  let stopped = false;
  let cancelSleep: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (stopped || worker.nudged) return resolve();
      const done = () => {
        clearTimeout(timer);
        worker.wake = undefined;
        cancelSleep = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      worker.wake = done;
      cancelSleep = done;
    });
  const loop = (async () => {
    let failures = 0;
    while (!stopped) {
      worker.nudged = false;
      try {
        const did = await worker.work();
        failures = 0;
        if (!did) await sleep(worker.idleMs);
      } catch (e) {
        failures++;
        log(`Worker ${worker.name} failed (${failures} in a row): ${e instanceof Error ? e.message : String(e)}`);
        worker.nudged = false; // a nudge does not cut an error's backoff short
        await sleep(Math.min(Math.max(worker.idleMs, 100) * 2 ** (failures - 1), MAX_ERROR_BACKOFF_MS));
      }
    }
  })();
  return {
    async stop() {
      stopped = true;
      cancelSleep?.();
      await loop;
    },
  };
}
