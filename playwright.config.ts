import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

// Never let a missing browser turn into a silently skipped suite.
if (!fs.existsSync(chromium)) {
  throw new Error(`Chromium not found at ${chromium}. Install Debian's: apt-get install -y --no-install-recommends chromium fonts-liberation (or set CHROMIUM_PATH).`);
}

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1, // one embedded database behind one server: specs run in order
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 120_000,
  expect: { timeout: 30_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: chromium },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: { executablePath: chromium } } }],
  webServer: {
    // A production build (npm start builds when stale) on a fresh embedded database with the demo workspace.
    command: `node -e "require('fs').rmSync('.data/e2e',{recursive:true,force:true})" && npm start`,
    url: `http://localhost:${PORT}/login`,
    timeout: 600_000, // npm start builds first when the build is stale: minutes on a busy 2-core machine
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      SEGMENTA_DATA_DIR: ".data/e2e",
      DATABASE_URL: "",
      NEXTAUTH_SECRET: "e2e-only-secret",
      NEXTAUTH_URL: `http://localhost:${PORT}`,
      NEXT_TELEMETRY_DISABLED: "1",
      // Specs that fail sign-ins on purpose send their own X-Forwarded-For, so the sign-in limits never
      // hold back the address every other spec signs in from (docs/decisions/009-sign-in-limits.md).
      SEGMENTA_TRUST_PROXY: "1",
    },
  },
});
