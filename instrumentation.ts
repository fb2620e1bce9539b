/** Next.js server start hook: the durable job runner (lib/jobs) runs in the server process. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Sign-in limits need the TCP peer's address, which route handlers do not get (lib/http/peer-address.ts).
  const { installPeerAddressHeader } = await import("./lib/http/peer-address");
  installPeerAddressHeader();
  if (process.env.SEGMENTA_JOBS === "off") return;
  const { startServerJobs } = await import("./lib/jobs/start");
  startServerJobs().catch((e: unknown) => console.error("The job runner did not start:", e));
}
