/**
 * The demo workspace's identity and sign-ins: plain constants, importable from anywhere
 * (the Playwright specs sign in with them; lib/seed/demo.ts creates them).
 */

export const DEMO_WORKSPACE = {
  slug: "demo",
  name: "Demo Store",
  timeZone: "Europe/Warsaw",
  customers: 5_000,
  seed: 2026,
} as const;

/** The demo sign-ins, printed by `npm start` and the README. Demo-only passwords: never reuse them. */
export const DEMO_USERS = [
  { email: "admin@demo.segmenta.dev", password: "demo-admin-2026", role: "admin", name: "Ada Admin" },
  { email: "editor@demo.segmenta.dev", password: "demo-editor-2026", role: "editor", name: "Eli Editor" },
  { email: "viewer@demo.segmenta.dev", password: "demo-viewer-2026", role: "viewer", name: "Vic Viewer" },
] as const;

/**
 * The demo workspace's API key (read-write), printed by `npm start` and used by the README's curl
 * examples, so they work as printed right after the first start. Demo-only, like the passwords:
 * an admin can revoke it on the API keys page, and a revoked demo key is not made again.
 */
export const DEMO_API_KEY = {
  secret: "sgm_demo-store-read-write-api-key-2026-00000000",
  name: "Demo key (from the README)",
} as const;
