/** Next.js server start hook: the daily segment snapshot scheduler runs in the server process (see lib/snapshots/scheduler). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Sign-in limits need the TCP peer's address, which route handlers do not get (lib/http/peer-address.ts).
  const { installPeerAddressHeader } = await import("./lib/http/peer-address");
  installPeerAddressHeader();
  if (process.env.SEGMENTA_SNAPSHOTS === "off") return;
  const { startSnapshotScheduler } = await import("./lib/snapshots/scheduler");
  startSnapshotScheduler();
}
