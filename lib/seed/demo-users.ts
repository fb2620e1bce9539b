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
