/**
 * `npm start`: builds the app when the build is missing or stale, prepares the database
 * (migrations, the demo workspace on first run), prints how to sign in, then serves.
 * The database is closed before `next start` opens it: PGlite allows one process at a time.
 */
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { openDb } from "@/lib/db/client";
import { dataDir, describeTarget, targetFromEnv } from "@/lib/db/target";
import { DEMO_API_KEY, DEMO_USERS, ensureDemoWorkspace } from "@/lib/seed/demo";

const ROOT = process.cwd();
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");
const STAMP = path.join(ROOT, ".next", "segmenta-source-hash");
const SOURCES = ["app", "components", "lib", "proxy.ts", "instrumentation.ts", "next.config.js", "postcss.config.mjs", "package-lock.json", "prisma/schema.prisma", "tsconfig.json"];
const SKIP = new Set(["node_modules", ".next", "generated"]);

function listFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [entry];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((d) => !SKIP.has(d.name) && !/\.test\.tsx?$/.test(d.name))
    .flatMap((d) => listFiles(path.join(entry, d.name)));
}

/** A hash of everything the build is made from; a clone or checkout changes it only when content changes. */
function sourceHash(): string {
  const hash = crypto.createHash("sha256");
  for (const file of SOURCES.flatMap(listFiles).sort()) {
    hash.update(file).update("\0").update(fs.readFileSync(path.join(ROOT, file))).update("\0");
  }
  return hash.digest("hex");
}

function ensureBuild(): void {
  const current = sourceHash();
  const built = fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")) && fs.existsSync(STAMP) ? fs.readFileSync(STAMP, "utf8") : null;
  if (built === current) return;
  console.log(built ? "Sources changed since the last build: rebuilding…" : "No production build yet: building (about a minute)…");
  const result = spawnSync(process.execPath, [NEXT_BIN, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) {
    console.error("The build failed; see the output above.");
    process.exit(result.status ?? 1);
  }
  fs.writeFileSync(STAMP, current);
}

/** NEXTAUTH_SECRET from the environment, else one generated once and kept in the data folder. */
function authSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(dataDir(), "nextauth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir(), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

async function prepareDatabase(): Promise<void> {
  const target = targetFromEnv();
  console.log(`Database: ${describeTarget(target)}`);
  const db = await openDb(target, { log: (line) => console.log(`  ${line}`) });
  try {
    await ensureDemoWorkspace(db, { log: (line) => console.log(`  ${line}`) });
  } finally {
    await db.close();
  }
}

function serve(port: number, secret: string): void {
  const url = `http://localhost:${port}`;
  console.log(`\nSegmenta is starting at ${url}\n\nDemo workspace sign-ins:`);
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(7)} ${u.email.padEnd(28)} password: ${u.password}`);
  console.log(`\nDemo API key (read-write; reference at ${url}/api-docs):\n  curl -H "Authorization: Bearer ${DEMO_API_KEY.secret}" ${url}/api/v1/customers?limit=2\n`);
  // Same process group as us: Ctrl-C, or a test runner killing our group, stops next-server too.
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port)], {
    stdio: "inherit",
    env: { ...process.env, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? url, NEXT_TELEMETRY_DISABLED: "1" },
  });
  // A signal sent to our pid alone (e.g. `kill <pid>`) is passed on, so the server never outlives us.
  const stop = (signal: NodeJS.Signals) => {
    if (child.exitCode === null) child.kill(signal);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

async function main(): Promise<void> {
  // `npm start -- --build-only`: build when stale, then stop (CI builds before the browser tests).
  if (process.argv.includes("--build-only")) return ensureBuild();
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number (got "${process.env.PORT}").`);
  const secret = authSecret();
  ensureBuild();
  await prepareDatabase();
  serve(port, secret);
}

main().catch((e: unknown) => {
  console.error(`\nCould not start Segmenta: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
