/**
 * Email consent (issue 11): three states — yes, no, never asked (null) — with when, how and by whom
 * the value last changed. The migration keeps stored values; segments read never asked as empty;
 * forms and imports record each change (and only changes); audit entries go with them.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Pool } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { consentOriginText } from "@/lib/customers/consent";
import { createCustomer, updateCustomer } from "@/lib/customers/mutations";
import { getConsentProvenance, getCustomer } from "@/lib/customers/queries";
import type { Db, SqlDriver } from "@/lib/db/client";
import { clientDriver, pgliteDriver } from "@/lib/db/driver";
import { MIGRATIONS_DIR, migrate } from "@/lib/db/migrate";
import { importLocalFile } from "@/lib/import/testing";
import { countSegment } from "@/lib/segments/count";
import { setupTestDb, teardownTestDb } from "./support/db";

const CONSENT_MIGRATION = "20261202000200_consent";
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-consent-"));
let db: Db;
let ws: TestWorkspace;
const editor = () => ws.ctx("editor@consent.example");

beforeAll(async () => {
  process.env.SEGMENTA_DATA_DIR = dataDir;
  db = await setupTestDb();
  ws = await createTestWorkspace(db, "consent", [
    { email: "admin@consent.example", role: "admin" },
    { email: "editor@consent.example", role: "editor", name: "Anna Editor" },
  ]);
});
afterAll(async () => {
  await teardownTestDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** An empty database of its own (PostgreSQL when DATABASE_URL is set, else PGlite), for migrating step by step. */
async function scratchDatabase(): Promise<{ sql: SqlDriver; close: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const pglite = await PGlite.create({ extensions: { pg_trgm } });
    return { sql: pgliteDriver(pglite), close: () => pglite.close() };
  }
  const name = `segmenta_t_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new Pool({ connectionString: base, max: 1 });
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const pool = new Pool({ connectionString: url.toString(), max: 1 });
  const client = await pool.connect();
  // DROP … WITH (FORCE) can reach the connection while it is still closing (57P01): expected, not a failure.
  client.on("error", () => undefined);
  pool.on("error", () => undefined);
  return {
    sql: clientDriver(client),
    async close() {
      client.release();
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

function copyMigrations(to: string, until: (name: string) => boolean): void {
  for (const entry of fs.readdirSync(MIGRATIONS_DIR, { withFileTypes: true })) {
    if (entry.isDirectory() && until(entry.name)) fs.cpSync(path.join(MIGRATIONS_DIR, entry.name), path.join(to, entry.name), { recursive: true });
  }
}

describe("the migration", () => {
  it("keeps stored values as they are; new rows without an answer are never asked", async () => {
    const dir = fs.mkdtempSync(path.join(dataDir, "migrations-"));
    const scratch = await scratchDatabase();
    try {
      copyMigrations(dir, (name) => name < CONSENT_MIGRATION);
      await migrate(scratch.sql, { dir });
      const [{ id }] = await scratch.sql.query<{ id: string }>(`INSERT INTO "Workspace" ("slug", "name") VALUES ('m', 'M') RETURNING "id"`);
      await scratch.sql.query(`INSERT INTO "Customer" ("workspaceId", "email", "emailOptIn") VALUES ($1, 'yes@m.test', true), ($1, 'no@m.test', false)`, [id]);
      await scratch.sql.query(`INSERT INTO "Customer" ("workspaceId", "email") VALUES ($1, 'default@m.test')`, [id]);

      copyMigrations(dir, (name) => name === CONSENT_MIGRATION);
      expect(await migrate(scratch.sql, { dir })).toEqual([CONSENT_MIGRATION]);
      await scratch.sql.query(`INSERT INTO "Customer" ("workspaceId", "email") VALUES ($1, 'new@m.test')`, [id]);
      const rows = await scratch.sql.query<{ email: string; emailOptIn: boolean | null; emailOptInChangedAt: Date | null; emailOptInSource: string | null }>(
        `SELECT "email", "emailOptIn", "emailOptInChangedAt", "emailOptInSource" FROM "Customer" ORDER BY "email"`,
      );
      expect(rows).toEqual([
        { email: "default@m.test", emailOptIn: false, emailOptInChangedAt: null, emailOptInSource: null }, // the old default, kept
        { email: "new@m.test", emailOptIn: null, emailOptInChangedAt: null, emailOptInSource: null },
        { email: "no@m.test", emailOptIn: false, emailOptInChangedAt: null, emailOptInSource: null },
        { email: "yes@m.test", emailOptIn: true, emailOptInChangedAt: null, emailOptInSource: null },
      ]);
    } finally {
      await scratch.close();
    }
  }, 120_000);
});

const condition = (operator: string, negate = false) => ({
  version: 1,
  root: { type: "group", combinator: "and", negate, children: [{ type: "field", field: "emailOptIn", operator }] },
});

describe("segments over yes, no and never asked", () => {
  let scope: { workspaceId: string; timeZone: string };
  beforeAll(async () => {
    const other = await createTestWorkspace(db, "consent-counts", [{ email: "editor@consent.example", role: "editor" }]);
    const ctx = other.ctx("editor@consent.example");
    scope = { workspaceId: other.id, timeZone: ctx.timeZone };
    const states = [["yes", 3], ["no", 2], ["", 4]] as const;
    let n = 0;
    for (const [cell, count] of states) {
      for (let i = 0; i < count; i++) await createCustomer(ctx, { email: `c${n++}@counts.test`, emailOptIn: cell });
    }
    await createCustomer(ctx, { email: `c${n++}@counts.test` }); // no answer given at all: never asked too
  });

  it("is_true, is_false, is_empty and is_not_empty mean yes, no, never asked and answered", async () => {
    expect(await countSegment(scope, condition("is_true"))).toBe(3);
    expect(await countSegment(scope, condition("is_false"))).toBe(2); // declined: never asked is not "no"
    expect(await countSegment(scope, condition("is_empty"))).toBe(5);
    expect(await countSegment(scope, condition("is_not_empty"))).toBe(5);
    expect(await countSegment(scope, condition("is_true", true))).toBe(7); // not opted in: no or never asked
    expect(await countSegment(scope, condition("is_false", true))).toBe(8);
  });
});

type Stored = NonNullable<Awaited<ReturnType<typeof getCustomer>>>;

async function consentAudits(entityId: string) {
  return db.prisma.auditLog.findMany({ where: { workspaceId: ws.id, action: "customer.consent", entityId }, orderBy: { id: "asc" }, select: { actorId: true, entityType: true, diff: true } });
}

describe("the customer form records each change of consent, and only changes", () => {
  let id: string;
  let first: Stored;

  it("records yes on a new customer: when, via the form, by whom, with an audit entry", async () => {
    const before = Date.now();
    ({ id } = await createCustomer(editor(), { email: "form@consent.test", emailOptIn: "yes" }));
    first = (await getCustomer(editor(), id))!;
    expect(first).toMatchObject({ emailOptIn: true, emailOptInSource: "form", emailOptInChangedById: ws.userId("editor@consent.example"), emailOptInImportJobId: null });
    expect(first.emailOptInChangedAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await consentAudits(id)).toEqual([
      { actorId: ws.userId("editor@consent.example"), entityType: "customer", diff: { emailOptIn: { from: null, to: true }, source: "form" } },
    ]);
    const text = consentOriginText(await getConsentProvenance(editor(), first), "UTC");
    expect(text).toMatch(/^since \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} · by Anna Editor \(form\)$/);
  });

  it("keeps the record on writes that keep the value", async () => {
    await updateCustomer(editor(), id, { city: "Gdańsk" });
    await updateCustomer(editor(), id, { emailOptIn: "true" });
    const after = (await getCustomer(editor(), id))!;
    expect(after.emailOptInChangedAt).toEqual(first.emailOptInChangedAt);
    expect(after.city).toBe("Gdańsk");
    expect(await consentAudits(id)).toHaveLength(1);
  });

  it("records a change to no, and back to never asked, by the person who made it", async () => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await updateCustomer(ws.ctx("admin@consent.example"), id, { emailOptIn: "no" });
    const declined = (await getCustomer(editor(), id))!;
    expect(declined).toMatchObject({ emailOptIn: false, emailOptInSource: "form", emailOptInChangedById: ws.userId("admin@consent.example") });
    expect(declined.emailOptInChangedAt!.getTime()).toBeGreaterThan(first.emailOptInChangedAt!.getTime());
    await updateCustomer(editor(), id, { emailOptIn: "" });
    expect((await getCustomer(editor(), id))!.emailOptIn).toBeNull();
    expect((await consentAudits(id)).map((a) => a.diff)).toEqual([
      { emailOptIn: { from: null, to: true }, source: "form" },
      { emailOptIn: { from: true, to: false }, source: "form" },
      { emailOptIn: { from: false, to: null }, source: "form" },
    ]);
  });

  it("records nothing for a new customer never asked", async () => {
    const { id: never } = await createCustomer(editor(), { email: "never@consent.test", emailOptIn: "" });
    expect(await getCustomer(editor(), never)).toMatchObject({ emailOptIn: null, emailOptInChangedAt: null, emailOptInSource: null, emailOptInChangedById: null });
    expect(await consentAudits(never)).toEqual([]);
    expect(consentOriginText(await getConsentProvenance(editor(), (await getCustomer(editor(), never))!), "UTC")).toBeNull();
  });
});

describe("a customer import", () => {
  const byEmail = async (email: string) => db.prisma.customer.findFirstOrThrow({ where: { workspaceId: ws.id, email } });
  let keptAt: Date | null;
  let jobId: string;

  function importFile(name: string, content: string) {
    const file = path.join(dataDir, name);
    fs.writeFileSync(file, content);
    return importLocalFile(editor(), "customers", file, { columns: [{ index: 0, target: "email" }, { index: 1, target: "emailOptIn" }, { index: 2, target: "city" }] });
  }

  beforeAll(async () => {
    await createCustomer(editor(), { email: "keep@import.test", emailOptIn: "yes" });
    await createCustomer(editor(), { email: "change@import.test", emailOptIn: "yes" });
    keptAt = (await byEmail("keep@import.test")).emailOptInChangedAt;
  });

  it("maps an empty cell to never asked for new customers, and keeps a recorded consent for existing ones", async () => {
    ({ jobId } = await importFile("consent.csv", "email,opt in,city\nkeep@import.test,,Poznań\nchange@import.test,no,\nnew-yes@import.test,yes,\nnew-empty@import.test,,\n"));
    expect(await byEmail("keep@import.test")).toMatchObject({ emailOptIn: true, emailOptInSource: "form", emailOptInChangedAt: keptAt, city: "Poznań" });
    expect(await byEmail("new-empty@import.test")).toMatchObject({ emailOptIn: null, emailOptInChangedAt: null, emailOptInSource: null, emailOptInImportJobId: null });
  });

  it("records the changes it made: when, via import, the job and the person who started it", async () => {
    const editorId = ws.userId("editor@consent.example");
    const changed = await byEmail("change@import.test");
    expect(changed).toMatchObject({ emailOptIn: false, emailOptInSource: "import", emailOptInImportJobId: jobId, emailOptInChangedById: editorId });
    expect(await byEmail("new-yes@import.test")).toMatchObject({ emailOptIn: true, emailOptInSource: "import", emailOptInImportJobId: jobId, emailOptInChangedById: editorId });
    const record = (await getCustomer(editor(), changed.id))!;
    expect(consentOriginText(await getConsentProvenance(editor(), record), "UTC")).toMatch(/ · via import of consent\.csv by Anna Editor$/);
  });

  it("writes one audit entry for the job, counting the consents it changed", async () => {
    expect(await consentAudits(jobId)).toEqual([
      {
        actorId: ws.userId("editor@consent.example"), entityType: "import",
        diff: { source: "import", fileName: "consent.csv", customers: 2, to: { yes: 1, no: 1 } },
      },
    ]);
  });

  it("changes and records nothing when the same answers come again", async () => {
    const before = await byEmail("change@import.test");
    const again = await importFile("consent-again.csv", "email,opt in,city\nchange@import.test,false,\nnew-yes@import.test,1,\n");
    expect(await byEmail("change@import.test")).toMatchObject({ emailOptIn: false, emailOptInChangedAt: before.emailOptInChangedAt, emailOptInImportJobId: jobId });
    expect(await consentAudits(again.jobId)).toEqual([]);
  });
});
