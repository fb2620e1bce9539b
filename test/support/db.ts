import crypto from "node:crypto";
import fs from "node:fs";
import { Pool } from "pg";
import { closeDb, openDb, setDb, type Db } from "@/lib/db/client";

/**
 * A fresh, migrated database for one test file, registered as the process's getDb():
 * a new database on the PostgreSQL server of DATABASE_URL when set (dropped afterwards),
 * else an in-memory PGlite.
 */
export async function setupTestDb(): Promise<Db> {
  const base = process.env.DATABASE_URL;
  let db: Db;
  if (base) {
    const name = `segmenta_t_${crypto.randomBytes(6).toString("hex")}`;
    const admin = new Pool({ connectionString: base, max: 1 });
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const opened = await openDb({ kind: "postgres", url: url.toString() });
    db = {
      ...opened,
      async close() {
        await opened.close();
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      },
    };
  } else {
    const template = process.env.SEGMENTA_TEST_PGLITE_TEMPLATE;
    const pgliteTemplate = template ? new Blob([fs.readFileSync(template)]) : undefined;
    db = await openDb({ kind: "pglite", dir: null }, { pgliteTemplate });
  }
  setDb(db);
  return db;
}

/** Closes (and on PostgreSQL drops) the test file's database. */
export async function teardownTestDb(): Promise<void> {
  await closeDb();
}
