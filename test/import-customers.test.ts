import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { createCustomField } from "@/lib/custom-fields/mutations";
import type { Db } from "@/lib/db/client";
import { runImportJob } from "@/lib/import/engine";
import { createUploadJob, startImport } from "@/lib/import/mutations";
import { previewImport } from "@/lib/import/preview";
import { getImportJob, importErrorsCsv, listImportErrors } from "@/lib/import/queries";
import { getImportSetup } from "@/lib/import/setup";
import { bodyOf, importLocalFile } from "@/lib/import/testing";
import { setupTestDb, teardownTestDb } from "./support/db";

const FIXTURE = path.resolve("test/fixtures/import/customers-semicolon.csv");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-import-"));
let db: Db;
let ws: TestWorkspace;
const ctx = () => ws.ctx("editor@a.example");

beforeAll(async () => {
  process.env.SEGMENTA_DATA_DIR = dataDir;
  db = await setupTestDb();
  ws = await createTestWorkspace(db, "alpha", [
    { email: "admin@a.example", role: "admin" },
    { email: "editor@a.example", role: "editor" },
  ]);
  const admin = ws.ctx("admin@a.example");
  await createCustomField(admin, { label: "Interests", type: "multiselect", options: [{ key: "running", label: "Running" }, { key: "yoga", label: "Yoga" }] });
  await createCustomField(admin, { label: "Points", type: "number" });
});
afterAll(async () => {
  await teardownTestDb();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function customers() {
  return db.prisma.customer.findMany({ where: { workspaceId: ws.id }, orderBy: { email: "asc" } });
}

function csvFile(name: string, content: string): string {
  const p = path.join(dataDir, name);
  fs.writeFileSync(p, content);
  return p;
}

async function errorReport(jobId: string): Promise<string> {
  let text = "";
  for await (const chunk of importErrorsCsv(ctx(), jobId)) text += chunk;
  return text;
}

describe("a customer import through upload, mapping, preview and run", () => {
  let jobId: string;

  it("uploads, proposes a mapping, detects the date format and previews the first rows", async () => {
    const upload = await createUploadJob(ctx(), { type: "customers", fileName: "customers.csv", body: bodyOf(fs.readFileSync(FIXTURE)) });
    jobId = upload.jobId;
    expect(upload.totalRows).toBe(5); // the blank line is not a row
    const setup = await getImportSetup(ctx(), jobId);
    expect(setup?.delimiterLabel).toBe("semicolon");
    expect(setup?.canCreateFields).toBe(false); // editors map; admins create fields
    expect(setup?.columns.map((c) => c.proposal)).toEqual(["email", "firstName", "lastName", "tags", "emailOptIn", "signedUpAt", "income"]);
    expect(setup?.columns[5].dates).toMatchObject({ format: "DD.MM.YYYY", ambiguous: false });

    const choices = {
      columns: setup!.columns.flatMap((c) => (c.proposal ? [{ index: c.index, target: c.proposal, ...(c.dates ? { dateFormat: c.dates.format } : {}) }] : [])),
      match: "email" as const,
      onExisting: "update" as const,
    };
    const preview = await previewImport(ctx(), { jobId, choices });
    if (!preview.ok) throw new Error(preview.problems.join("; "));
    expect(preview.rows.map((r) => [r.rowNumber, r.action])).toEqual([[2, "create"], [3, "create"], [4, "fail"], [6, "fail"], [7, "fail"]]);
    expect(preview.rows[0].cells[5]).toEqual({ value: "2024-01-13 09:30" });
    expect(preview.rows[1].cells[2]).toEqual({ value: 'Hopper; "Amazing Grace"' });
    expect(preview.rows[2].cells[6]).toEqual({ value: "1,5", problem: `"1,5" is not a number in this column's format, 1,234.56, where "," separates thousands. If the column uses "," for decimals, choose 1.234,56 for it.` });
    expect(preview.check).toEqual({ total: 5, failing: 3 });
    // "52000.50" beside "1,5": the column writes numbers both ways, so the mapping step asks.
    expect(setup?.columns[6].numbers).toMatchObject({ format: "ask", point: 1, comma: 1 });
    expect(preview.rows[4].problems[0]).toMatch(/has 8 values but the file has 7 columns/);
    expect(await customers()).toEqual([]); // a preview writes nothing

    // Rows would fail: the import starts only when skipping exactly them was confirmed.
    await expect(startImport(ctx(), { jobId, choices })).rejects.toThrow(/3 of 5 rows would not be imported/);
    await expect(startImport(ctx(), { jobId, choices, skipFailing: 2 })).rejects.toThrow(/Import 2 valid rows, skip 3/);
    await startImport(ctx(), { jobId, choices, skipFailing: 3 });
    await expect(startImport(ctx(), { jobId, choices, skipFailing: 3 })).rejects.toThrow(/already started/);
  });

  it("imports valid rows whole, reports invalid ones, and writes nothing of them", async () => {
    const result = await runImportJob(ws.id, jobId);
    expect(result).toEqual({ progress: { totalRows: 5, processedRows: 5, created: 2, updated: 0, skipped: 0, failed: 3 }, error: null });
    const job = await getImportJob(ctx(), jobId);
    expect(job).toMatchObject({ status: "completed", processedRows: 5, created: 2, failed: 3, createdByName: "editor" });
    const stored = await customers();
    expect(stored.map((c) => c.email)).toEqual(["ada@example.com", "grace@example.com"]);
    expect(stored[0]).toMatchObject({ firstName: "Ada", tags: ["vip"], emailOptIn: true, signedUpAt: new Date("2024-01-13T08:30:00.000Z") });
    expect(stored[0].income?.toString()).toBe("52000.5");
    expect(stored[1]).toMatchObject({ lastName: 'Hopper; "Amazing Grace"', income: null, emailOptIn: false });
    const errors = await listImportErrors(ctx(), jobId, 20);
    expect(errors.map((e) => [e.rowNumber, e.column, e.value])).toEqual([
      [4, "Income", "1,5"],
      [6, "Signup date", "31.02.2024"],
      [6, "Email Address", "not-an-email"],
      [6, "Email opt-in", "maybe"],
      [7, null, "surprise"],
    ]);
    const report = await errorReport(jobId);
    expect(report.split("\r\n")[0]).toBe("row,column,value,reason");
    expect(report).toContain(`4,Income,"1,5","""1,5"" is not a number in this column's format, 1,234.56, where "","" separates thousands.`);
    expect(fs.existsSync(path.join(dataDir, "imports", `${jobId}.csv`))).toBe(false);
  });

  it("importing the same file again creates no duplicates", async () => {
    const columns = [{ index: 0, target: "email" }, { index: 1, target: "firstName" }, { index: 6, target: "income" }];
    const again = await importLocalFile(ctx(), "customers", FIXTURE, { columns });
    expect(again.result.progress).toMatchObject({ created: 0, updated: 2, failed: 3 });
    expect((await customers()).length).toBe(2);
  });
});

describe("matching, updating and skipping", () => {
  it("updates only the mapped fields and merges custom values", async () => {
    const file = csvFile("points.csv", "email,points,interests\nada@example.com,10,yoga;running\ngrace@example.com,,\n");
    const { result } = await importLocalFile(ctx(), "customers", file, { columns: [{ index: 0, target: "email" }, { index: 1, target: "custom.points" }, { index: 2, target: "custom.interests" }] });
    expect(result.progress).toMatchObject({ created: 0, updated: 2 });
    const second = csvFile("points2.csv", "email,points\nada@example.com,11\n");
    await importLocalFile(ctx(), "customers", second, { columns: [{ index: 0, target: "email" }, { index: 1, target: "custom.points" }] });
    const [ada, grace] = await customers();
    expect(ada.attributes).toEqual({ points: 11, interests: ["yoga", "running"] });
    expect(ada.firstName).toBe("Ada");
    expect(grace.attributes).toEqual({});
  });

  it("skips existing customers when asked, still creating new ones", async () => {
    const file = csvFile("skip.csv", "email,first name\nada@example.com,Changed\nnew@example.com,Newbie\n");
    const { result } = await importLocalFile(ctx(), "customers", file, { columns: [{ index: 0, target: "email" }, { index: 1, target: "firstName" }], onExisting: "skip" });
    expect(result.progress).toMatchObject({ created: 1, updated: 0, skipped: 1, failed: 0 });
    const byEmail = new Map((await customers()).map((c) => [c.email, c]));
    expect(byEmail.get("ada@example.com")?.firstName).toBe("Ada");
    expect(byEmail.get("new@example.com")?.firstName).toBe("Newbie");
  });

  it("matches on external ID; a later row of the same customer updates the earlier one", async () => {
    const file = csvFile("ids.csv", "id,email,first\nX1,x1@example.com,First\nX1,x1@example.com,Second\nX2,,Nomail\n");
    const { result } = await importLocalFile(ctx(), "customers", file, {
      columns: [{ index: 0, target: "externalId" }, { index: 1, target: "email" }, { index: 2, target: "firstName" }], match: "externalId",
    });
    expect(result.progress).toMatchObject({ created: 2, updated: 1, failed: 0 });
    const x1 = await db.prisma.customer.findFirstOrThrow({ where: { workspaceId: ws.id, externalId: "X1" } });
    expect(x1.firstName).toBe("Second");
  });

  it("isolates a row the database refuses (an external ID taken by another customer) and keeps the rest of the batch", async () => {
    const file = csvFile("clash.csv", "email,id\nc1@example.com,C1\nc2@example.com,C1\nc3@example.com,X2\nc4@example.com,C4\n");
    const { jobId, result } = await importLocalFile(ctx(), "customers", file, { columns: [{ index: 0, target: "email" }, { index: 1, target: "externalId" }] });
    expect(result.progress).toMatchObject({ created: 2, failed: 2 });
    const errors = await listImportErrors(ctx(), jobId);
    expect(errors).toEqual([
      { rowNumber: 3, column: "id", value: null, reason: "Another customer in this workspace already has this external ID." },
      { rowNumber: 4, column: "id", value: null, reason: "Another customer in this workspace already has this external ID." },
    ]);
    const emails = (await customers()).map((c) => c.email);
    expect(emails).toContain("c1@example.com");
    expect(emails).toContain("c4@example.com");
    expect(emails).not.toContain("c2@example.com");
  });

  it("resumes a job after its committed rows, as after a server restart", async () => {
    const file = csvFile("resume.csv", "email\nr1@example.com\nr2@example.com\nr3@example.com\n");
    const { jobId } = await importLocalFile(ctx(), "customers", file, { columns: [{ index: 0, target: "email" }] });
    await db.sql.query(`DELETE FROM "Customer" WHERE "workspaceId" = $1 AND "email" LIKE 'r%@example.com'`, [ws.id]);
    // As if the first row had been committed and the server then stopped.
    await db.sql.query(`UPDATE "ImportJob" SET "status" = 'running', "processedRows" = 1, "createdCount" = 1, "updatedCount" = 0, "failedCount" = 0, "finishedAt" = NULL, "filePath" = $3 WHERE "workspaceId" = $1 AND "id" = $2`, [ws.id, jobId, file]);
    const resumed = await runImportJob(ws.id, jobId);
    expect(resumed?.progress).toMatchObject({ processedRows: 3, created: 3 });
    const emails = (await customers()).map((c) => c.email);
    expect(emails).not.toContain("r1@example.com");
    expect(emails).toEqual(expect.arrayContaining(["r2@example.com", "r3@example.com"]));
  });
});

describe("uploads", () => {
  it("refuses a file that is not UTF-8, has no rows, or exceeds 50 MB, leaving no file behind", async () => {
    await expect(createUploadJob(ctx(), { type: "customers", fileName: "l.csv", body: bodyOf(Buffer.from("email\nJos\xe9@x.io\n", "latin1")) })).rejects.toThrow(/not UTF-8/);
    await expect(createUploadJob(ctx(), { type: "customers", fileName: "h.csv", body: bodyOf("email,name\n") })).rejects.toThrow(/no data rows/);
    const big = Buffer.alloc(50 * 1024 * 1024 + 10, "a\n");
    await expect(createUploadJob(ctx(), { type: "customers", fileName: "big.csv", body: bodyOf(big, 4 * 1024 * 1024) })).rejects.toThrow(/larger than 50 MB/);
    expect(fs.readdirSync(path.join(dataDir, "imports")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses choices that cannot work, with every reason", async () => {
    const { jobId } = await createUploadJob(ctx(), { type: "customers", fileName: "x.csv", body: bodyOf("Mail,Name\na@b.co,A\n") });
    await expect(startImport(ctx(), { jobId, choices: { columns: [{ index: 1, target: "firstName" }], match: "email", onExisting: "update" } })).rejects.toThrow(/map a column to Email/);
    const preview = await previewImport(ctx(), { jobId, choices: { columns: [{ index: 0, target: "email" }, { index: 1, target: "email" }], match: "email", onExisting: "update" } });
    expect(preview).toEqual({ ok: false, problems: ['"Mail" and "Name" both map to Email: map one of them to something else or skip it.'] });
  });
});
