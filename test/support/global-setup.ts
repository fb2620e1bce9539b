import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb } from "@/lib/db/client";

export const TEMPLATE_ENV = "SEGMENTA_TEST_PGLITE_TEMPLATE";

/**
 * Runs once before the test files. On PGlite it migrates one database and dumps it, so each
 * test file starts from a copy (~1.5 s) instead of creating and migrating its own (~4 s).
 */
export default async function setup(): Promise<() => void> {
  process.env.NEXTAUTH_SECRET ??= "test-secret-not-for-production";
  const url = process.env.DATABASE_URL;
  if (url) {
    console.log(`Integration tests on PostgreSQL: a fresh database per file on ${new URL(url).host}`);
    return () => undefined;
  }
  console.log("Integration tests on embedded PGlite (in memory, one per file)");
  const db = await openDb({ kind: "pglite", dir: null });
  const dump = await db.pglite!.dumpDataDir("none");
  await db.close();
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-test-")), "template.tar");
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env[TEMPLATE_ENV] = file;
  return () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
}
