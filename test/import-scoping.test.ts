import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { runImportJob } from "@/lib/import/engine";
import { createUploadJob, discardImport, startImport } from "@/lib/import/mutations";
import { saveMappingAndPreview } from "@/lib/import/draft";
import { previewImport } from "@/lib/import/preview";
import { getImportJob, importErrorsCsv, listImportErrors, listImportJobs } from "@/lib/import/queries";
import { getImportSetup } from "@/lib/import/setup";
import { bodyOf, importLocalFile } from "@/lib/import/testing";
import { setupTestDb, teardownTestDb } from "./support/db";

// Workspace A's editor acts; every job id passed belongs to workspace B. Nothing of B may be read or changed.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-import-scope-"));
let db: Db;
let a: TestWorkspace;
let b: TestWorkspace;
let pendingB: string;
let doneB: string;

const choices = { columns: [{ index: 0, target: "email" }], match: "email" as const, onExisting: "update" as const };
const actor = () => a.ctx("editor@a.example");

beforeAll(async () => {
  process.env.SEGMENTA_DATA_DIR = dir;
  db = await setupTestDb();
  a = await createTestWorkspace(db, "alpha", [{ email: "editor@a.example", role: "editor" }]);
  b = await createTestWorkspace(db, "bravo", [{ email: "editor@b.example", role: "editor" }]);
  const bCtx = b.ctx("editor@b.example");
  pendingB = (await createUploadJob(bCtx, { type: "customers", fileName: "b.csv", body: bodyOf("email\nshared@example.com\nbad\n") })).jobId;
  const file = path.join(dir, "b-done.csv");
  fs.writeFileSync(file, "email\nshared@example.com\nbad\n");
  doneB = (await importLocalFile(bCtx, "customers", file, { columns: choices.columns })).jobId;
});
afterAll(async () => {
  await teardownTestDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function stateOfB() {
  const [jobs, customers, errors] = await Promise.all([
    db.prisma.importJob.findMany({ where: { workspaceId: b.id }, orderBy: { id: "asc" } }),
    db.prisma.customer.findMany({ where: { workspaceId: b.id }, orderBy: { id: "asc" } }),
    db.prisma.importRowError.count({ where: { workspaceId: b.id } }),
  ]);
  return { jobs, customers, errors };
}

let before: Awaited<ReturnType<typeof stateOfB>>;
beforeEach(async () => {
  before = await stateOfB();
});

async function notFound(p: Promise<unknown>): Promise<void> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe("not_found");
}

describe("import functions with workspace A's context and workspace B's job ids", () => {
  it("read nothing of B", async () => {
    for (const id of [pendingB, doneB]) {
      expect(await getImportJob(actor(), id)).toBeNull();
      expect(await getImportSetup({ ...actor(), role: "editor" }, id)).toBeNull();
      expect(await listImportErrors(actor(), id)).toEqual([]);
      let report = "";
      for await (const chunk of importErrorsCsv(actor(), id)) report += chunk;
      expect(report).toBe("row,column,value,reason\r\n");
    }
    expect(await listImportJobs(actor())).toEqual([]);
    expect((await listImportErrors(b.ctx("editor@b.example"), doneB)).length).toBe(1); // B itself sees its error
  });

  it("change nothing of B", async () => {
    await notFound(previewImport(actor(), { jobId: pendingB, choices }));
    await notFound(saveMappingAndPreview(actor(), { jobId: pendingB, choices }));
    await notFound(startImport(actor(), { jobId: pendingB, choices }));
    await notFound(discardImport(actor(), { jobId: pendingB }));
    expect(await runImportJob(a.id, doneB)).toBeNull();
    expect(await runImportJob(a.id, pendingB)).toBeNull();
    expect(await stateOfB()).toEqual(before);
  });

  it("never link A's orders or events to B's customers", async () => {
    const file = path.join(dir, "a-orders.csv");
    fs.writeFileSync(file, "email,date,total\nshared@example.com,2024-01-01,10\n");
    const { result } = await importLocalFile(actor(), "orders", file, { columns: [{ index: 0, target: "customerEmail" }, { index: 1, target: "placedAt" }, { index: 2, target: "total" }] });
    expect(result.progress).toMatchObject({ created: 0, failed: 1 });
    const events = path.join(dir, "a-events.csv");
    fs.writeFileSync(events, "email,name,at\nshared@example.com,visit,2024-01-01\n");
    const run = await importLocalFile(actor(), "events", events, { columns: [{ index: 0, target: "customerEmail" }, { index: 1, target: "name" }, { index: 2, target: "occurredAt" }] });
    expect(run.result.progress).toMatchObject({ created: 0, failed: 1 });
    expect(await stateOfB()).toEqual(before);
    expect(await db.prisma.order.count({ where: { workspaceId: b.id } })).toBe(0);
  });

  it("an import into A with B's customer email creates A's own customer and leaves B's alone", async () => {
    const file = path.join(dir, "a-customers.csv");
    fs.writeFileSync(file, "email,first\nshared@example.com,Alpha\n");
    const { result } = await importLocalFile(actor(), "customers", file, { columns: [{ index: 0, target: "email" }, { index: 1, target: "firstName" }] });
    expect(result.progress).toMatchObject({ created: 1, updated: 0 });
    expect(await stateOfB()).toEqual(before);
  });
});
