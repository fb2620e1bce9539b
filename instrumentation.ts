/** Next.js server start hook: the daily segment snapshot scheduler runs in the server process (see lib/snapshots/scheduler). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.SEGMENTA_SNAPSHOTS === "off") return;
  const { startSnapshotScheduler } = await import("./lib/snapshots/scheduler");
  startSnapshotScheduler();
}
