import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Umzug } from "umzug";
import type { SqlDriver } from "./driver";

/** The lock id Prisma Migrate takes, so our runner and `prisma migrate deploy` never overlap. */
const PRISMA_ADVISORY_LOCK = 72707369;

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

/** A migration file changed after it was applied, or the history on disk and in the database disagree. */
export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

/** The migrations on disk, in order (folder names start with a timestamp). */
export function readMigrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_HISTORY = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"            VARCHAR(64) NOT NULL,
    "finished_at"         TIMESTAMPTZ,
    "migration_name"      VARCHAR(255) NOT NULL,
    "logs"                TEXT,
    "rolled_back_at"      TIMESTAMPTZ,
    "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

function checkHistory(files: MigrationFile[], applied: AppliedRow[]): void {
  const byName = new Map(files.map((f) => [f.name, f]));
  for (const row of applied) {
    const file = byName.get(row.migration_name);
    if (!row.finished_at) {
      throw new MigrationError(
        `Migration ${row.migration_name} started earlier but did not finish. Inspect the database, fix it, then delete its row from "_prisma_migrations".`,
      );
    }
    if (!file) {
      throw new MigrationError(
        `The database has migration ${row.migration_name} applied, but prisma/migrations has no such folder. This code is older than the database.`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${row.migration_name} was changed after it was applied (checksum ${row.checksum.slice(0, 12)}… in the database, ` +
          `${file.checksum.slice(0, 12)}… on disk). Applied migrations are immutable: restore the file and put the change in a new migration.`,
      );
    }
  }
}

/**
 * Applies pending migrations in order, one transaction each, recorded in Prisma's own
 * `_prisma_migrations` table so `prisma migrate status` agrees. The driver must be a single
 * connection (the advisory lock is per session). Returns the names applied.
 */
export async function migrate(conn: SqlDriver, options: { dir?: string; log?: (line: string) => void } = {}): Promise<string[]> {
  const files = readMigrationFiles(options.dir);
  await conn.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
  try {
    await conn.exec(CREATE_HISTORY);
    const applied = await conn.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL ORDER BY started_at`,
    );
    checkHistory(files, applied);
    const done = new Set(applied.map((r) => r.migration_name));
    const umzug = new Umzug({
      migrations: files.map((file) => ({
        name: file.name,
        up: () =>
          conn.transaction(async (tx) => {
            const id = crypto.randomUUID();
            await tx.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)`, [id, file.checksum, file.name]);
            await tx.exec(file.sql);
            await tx.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
          }),
      })),
      storage: {
        executed: async () => [...done],
        logMigration: async () => undefined, // recorded inside the migration's own transaction
        unlogMigration: async () => undefined,
      },
      logger: undefined,
    });
    const ran = await umzug.up();
    for (const m of ran) options.log?.(`Applied migration ${m.name}`);
    return ran.map((m) => m.name);
  } finally {
    await conn.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]);
  }
}
