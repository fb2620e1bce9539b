// The API contract tests' server: a production build (`npm start`) on a PostgreSQL database of its
// own, recreated empty on each run, with the demo workspace seeded. It waits for the browser
// tests' server first, which builds when the build is stale, so two builds never race.
import { spawn } from "node:child_process";
import pg from "pg";

const base = process.env.SEGMENTA_E2E_PG ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const name = process.env.SEGMENTA_E2E_API_DB ?? "segmenta_e2e_api";
const mainUrl = process.env.SEGMENTA_E2E_MAIN_URL;

if (mainUrl) {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(mainUrl)).ok) break;
    } catch {
      // not up yet
    }
    if (i > 1200) throw new Error(`The browser tests' server at ${mainUrl} did not start.`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
await admin.query(`CREATE DATABASE "${name}"`);
await admin.end();

const url = new URL(base);
url.pathname = `/${name}`;
const child = spawn("npm", ["start"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: url.toString() } });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
