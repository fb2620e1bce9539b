import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// The API contract tests (e2e/api) run against a second production server, on PostgreSQL.
const API_PORT = Number(process.env.E2E_API_PORT ?? PORT + 50);
const PG = process.env.SEGMENTA_E2E_PG ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const API_DB = `segmenta_e2e_api_${PORT}`;
const apiDatabaseUrl = (() => {
  const url = new URL(PG);
  url.pathname = `/${API_DB}`;
  return url.toString();
})();
process.env.SEGMENTA_E2E_API_DATABASE_URL = apiDatabaseUrl;
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
  projects: [
    { name: "chromium", testIgnore: "api/**", use: { ...devices["Desktop Chrome"], launchOptions: { executablePath: chromium } } },
    { name: "api", testDir: "e2e/api", use: { baseURL: `http://localhost:${API_PORT}` } },
  ],
  webServer: [{
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
      // A job that fails once, for e2e/jobs.spec.ts (lib/jobs/selftest.ts).
      SEGMENTA_JOBS_SELFTEST: "1",
      // The webhook specs start their receivers on this machine (loopback).
      SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK: "1",
    },
  },
  {
    // PostgreSQL at SEGMENTA_E2E_PG (default 127.0.0.1:5432): a database of its own, recreated each run.
    command: "node e2e/api/server.mjs",
    url: `http://localhost:${API_PORT}/login`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(API_PORT),
      SEGMENTA_E2E_PG: PG,
      SEGMENTA_E2E_API_DB: API_DB,
      SEGMENTA_E2E_MAIN_URL: `http://localhost:${PORT}/login`,
      SEGMENTA_DATA_DIR: ".data/e2e-api",
      NEXTAUTH_SECRET: "e2e-only-secret",
      NEXTAUTH_URL: `http://localhost:${API_PORT}`,
      NEXT_TELEMETRY_DISABLED: "1",
      SEGMENTA_TRUST_PROXY: "1",
      SEGMENTA_WEBHOOKS_ALLOW_LOOPBACK: "1",
    },
  }],
});