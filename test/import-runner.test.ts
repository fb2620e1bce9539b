import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import type { Db } from "@/lib/db/client";
import { runImportJob } from "@/lib/import/engine";
import { createUploadJob, startImport } from "@/lib/import/mutations";
import { getImportJob } from "@/lib/import/queries";
import { enqueueImport, resumeInterruptedImports } from "@/lib/import/runner";
import { bodyOf } from "@/lib/import/testing";
import { setupTestDb, teardownTestDb } from "./support/db";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-runner-"));
let db: Db;
let ws: TestWorkspace;
const ctx = () => ws.ctx("editor@a.example");
const choices = { columns: [{ index: 0, target: "email" }, { index: 1, target: "firstName" }], match: "email" as const, onExisting: "update" as const };

function rowsCsv(n: number, prefix: string): string {
  return `email,name\n${Array.from({ length: n }, (_, i) => `${prefix}${i}@example.com,Person ${i}`).join("\n")}\n`;
}

async function finished(jobId: string) {
  for (let i = 0; i < 600; i++) {
    const job = await getImportJob(ctx(), jobId);
    if (job && job.status !== "running") return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the import did not finish");
}

beforeAll(async () => {
  process.env.SEGMENTA_DATA_DIR = dir;
  db = await setupTestDb();
  ws = await createTestWorkspace(db, "alpha", [{ email: "editor@a.example", role: "editor" }]);
});
afterAll(async () => {
  await teardownTestDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the background runner", () => {
  it("runs a started upload in the background, in batches, and removes the file", async () => {
    const { jobId } = await createUploadJob(ctx(), { type: "customers", fileName: "many.csv", body: bodyOf(rowsCsv(2500, "bg")) });
    await startImport(ctx(), { jobId, choices });
    enqueueImport(ws.id, jobId);
    const job = await finished(jobId);
    expect(job).toMatchObject({ status: "completed", totalRows: 2500, processedRows: 2500, created: 2500 });
    for (let i = 0; i < 100 && fs.existsSync(path.join(dir, "imports", `${jobId}.csv`)); i++) await new Promise((r) => setTimeout(r, 20));
    expect(fs.existsSync(path.join(dir, "imports", `${jobId}.csv`))).toBe(false);
  });

  it("resumes a job left running by a stopped server", async () => {
    const { jobId } = await createUploadJob(ctx(), { type: "customers", fileName: "left.csv", body: bodyOf(rowsCsv(10, "left")) });
    await startImport(ctx(), { jobId, choices }); // started, but its server "stopped" before running it
    expect(await resumeInterruptedImports(ws.id)).toBe(1);
    expect(await finished(jobId)).toMatchObject({ status: "completed", created: 10 });
    expect(await resumeInterruptedImports(ws.id)).toBe(0);
  });

  it("fails a job whose file is gone, with a message", async () => {
    const { jobId } = await createUploadJob(ctx(), { type: "customers", fileName: "gone.csv", body: bodyOf(rowsCsv(3, "gone")) });
    await startImport(ctx(), { jobId, choices });
    fs.rmSync(path.join(dir, "imports", `${jobId}.csv`));
    const result = await runImportJob(ws.id, jobId);
    expect(result?.error).toBe("The file is gone; upload it again.");
    expect(await getImportJob(ctx(), jobId)).toMatchObject({ status: "failed" });
  });

  it.runIf(process.env.DATABASE_URL)("does not run a job another process holds (PostgreSQL advisory lock)", async () => {
    const { jobId } = await createUploadJob(ctx(), { type: "customers", fileName: "held.csv", body: bodyOf(rowsCsv(3, "held")) });
    await startImport(ctx(), { jobId, choices });
    const other = await db.pgPool!.connect();
    try {
      await other.query("SELECT pg_advisory_lock(72707370, hashtext($1))", [jobId]);
      expect(await runImportJob(ws.id, jobId)).toBeNull();
      expect(await getImportJob(ctx(), jobId)).toMatchObject({ status: "running", processedRows: 0 });
      await other.query("SELECT pg_advisory_unlock(72707370, hashtext($1))", [jobId]);
    } finally {
      other.release();
    }
    expect((await runImportJob(ws.id, jobId))?.progress.created).toBe(3);
  });
});
