import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { createCustomField } from "@/lib/custom-fields/mutations";
import type { Db } from "@/lib/db/client";
import { saveMappingAndPreview } from "@/lib/import/draft";
import { runImportJob } from "@/lib/import/engine";
import { describeReason } from "@/lib/import/mapping";
import { createUploadJob, startImport } from "@/lib/import/mutations";
import type { ImportChoices } from "@/lib/import/schemas";
import { getImportSetup } from "@/lib/import/setup";
import { bodyOf } from "@/lib/import/testing";
import { setupTestDb, teardownTestDb } from "./support/db";

// Issue 10, problems 2 and 4: the mapping is kept on the job as it is edited, offered again for a
// file with the same columns, the start asks before skipping failing rows, and numbers are read
// as people write them ("54,700" is 54700 in English) or asked about when they read two ways.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-import-mapping-"));
let db: Db;
let ws: TestWorkspace;
let other: TestWorkspace;
const ctx = () => ({ ...ws.ctx("editor@a.example"), role: "editor" as const });

const CSV = [
  "Email,Channels,Points,Tier,VIP,Income",
  "ada@example.com,email;sms,120,Gold,yes,\"54,700\"",
  "grace@example.com,sms,80,Silver,no,54 700",
  "alan@example.com,email,15,Bronze,no,\"1,234.50\"",
  "bad-email,email,1,Gold,no,10",
  "linus@example.com,email,3,Platinum,no,20",
].join("\n");

beforeAll(async () => {
  process.env.SEGMENTA_DATA_DIR = dir;
  db = await setupTestDb();
  ws = await createTestWorkspace(db, "alpha", [
    { email: "admin@a.example", role: "admin" },
    { email: "editor@a.example", role: "editor" },
  ]);
  other = await createTestWorkspace(db, "bravo", [{ email: "editor@b.example", role: "editor" }]);
  const admin = ws.ctx("admin@a.example");
  await createCustomField(admin, { label: "Loyalty points", key: "loyalty_points", type: "number" });
  await createCustomField(admin, { label: "Tier", type: "select", options: [{ key: "gold", label: "Gold" }, { key: "silver", label: "Silver" }, { key: "bronze", label: "Bronze" }] });
  await createCustomField(admin, { label: "VIP", type: "boolean" });
});
afterAll(async () => {
  await teardownTestDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function upload(name: string, content = CSV, actor = ctx()): Promise<string> {
  return (await createUploadJob(actor, { type: "customers", fileName: name, body: bodyOf(content) })).jobId;
}

describe("the mapping step", () => {
  let first: string;
  const edited: ImportChoices = {
    columns: [
      { index: 0, target: "email" },
      { index: 2, target: "custom.loyalty_points", numberFormat: "." },
      { index: 3, target: "custom.tier" },
      { index: 4, target: "custom.vip" },
      { index: 5, target: "income" },
    ],
    match: "email",
    onExisting: "skip",
  };

  it("suggests custom fields for Points, Tier and VIP, says why, and leaves Channels unmapped", async () => {
    first = await upload("november.csv");
    const setup = (await getImportSetup(ctx(), first))!;
    expect(setup.columns.map((c) => c.proposal)).toEqual(["email", null, "custom.loyalty_points", "custom.tier", "custom.vip", "income"]);
    expect(setup.columns.map((c) => (c.reason ? describeReason(c.reason) : null))).toEqual([
      "Same name", null, "Part of the label of custom field Loyalty points", "Matches the label of custom field Tier", "Matches the label of custom field VIP", "Same name",
    ]);
    expect(setup.draft).toBeNull();
    expect(setup.savedMapping).toBeNull();
  });

  it("keeps the edited mapping on the job: a reload shows it", async () => {
    const preview = await saveMappingAndPreview(ctx(), { jobId: first, choices: edited });
    if (!preview.ok) throw new Error(preview.problems.join("; "));
    const setup = (await getImportSetup(ctx(), first))!;
    expect(setup.draft).toEqual(edited);
    // Numbers as typed, option labels (not keys) in the preview.
    expect(preview.rows.map((r) => r.cells[5]?.value)).toEqual(["54,700.00", "54,700.00", "1,234.50", "10.00", "20.00"]);
    expect(preview.rows.map((r) => r.cells[3]?.value)).toEqual(["Gold", "Silver", "Bronze", "Gold", "Platinum"]);
    expect(preview.rows.map((r) => r.action)).toEqual(["create", "create", "create", "fail", "fail"]);
    expect(preview.check).toEqual({ total: 5, failing: 2 });
  });

  it("offers the saved mapping for the next file with the same columns, and only there", async () => {
    const next = await upload("december.csv");
    const setup = (await getImportSetup(ctx(), next))!;
    expect(setup.savedMapping).toMatchObject({ jobId: first, fileName: "november.csv", choices: edited });
    const different = await upload("other.csv", CSV.replace("Channels", "Channel list"));
    expect((await getImportSetup(ctx(), different))!.savedMapping).toBeNull();
    const elsewhere = await upload("november.csv", CSV, { ...other.ctx("editor@b.example"), role: "editor" as const });
    expect((await getImportSetup({ ...other.ctx("editor@b.example"), role: "editor" }, elsewhere))!.savedMapping).toBeNull();
  });

  it("starts only when skipping the failing rows was confirmed, and imports the rest right", async () => {
    await expect(startImport(ctx(), { jobId: first, choices: edited })).rejects.toThrow(/2 of 5 rows would not be imported.*Import 3 valid rows, skip 2/);
    await startImport(ctx(), { jobId: first, choices: edited, skipFailing: 2 });
    const result = await runImportJob(ws.id, first);
    expect(result?.progress).toMatchObject({ created: 3, failed: 2 });
    const stored = await db.prisma.customer.findMany({ where: { workspaceId: ws.id }, orderBy: { email: "asc" } });
    expect(stored.map((c) => [c.email, c.income?.toString(), c.attributes])).toEqual([
      ["ada@example.com", "54700", { loyalty_points: 120, tier: "gold", vip: true }],
      ["alan@example.com", "1234.5", { loyalty_points: 15, tier: "bronze", vip: false }],
      ["grace@example.com", "54700", { loyalty_points: 80, tier: "silver", vip: false }],
    ]);
  });
});

describe("numbers that read two ways", () => {
  const numbers = ["Email,Points", "a@example.com,\"12,5\"", "b@example.com,\"1,500\"", "c@example.com,\"3,75\""].join("\n");

  it("are asked about when the column uses a decimal comma elsewhere, and read as chosen", async () => {
    const jobId = await upload("decimal-comma.csv", numbers);
    const setup = (await getImportSetup(ctx(), jobId))!;
    expect(setup.columns[1].numbers).toMatchObject({ format: "ask", comma: 2, unclear: 1 });
    const columns = (numberFormat: "ask" | "," | ".") => ({ columns: [{ index: 0, target: "email" }, { index: 1, target: "custom.loyalty_points", numberFormat }], match: "email" as const, onExisting: "update" as const });
    const asked = await saveMappingAndPreview(ctx(), { jobId, choices: columns("ask") });
    if (!asked.ok) throw new Error(asked.problems.join("; "));
    expect(asked.rows.map((r) => r.cells[1])).toEqual([
      { value: "12.5" },
      { value: "1,500", problem: 'Is "1,500" 1,500 or 1.5? Choose how this column writes numbers: 1,234.56 or 1.234,56.' },
      { value: "3.75" },
    ]);
    const chosen = await saveMappingAndPreview(ctx(), { jobId, choices: columns(",") });
    if (!chosen.ok) throw new Error(chosen.problems.join("; "));
    expect(chosen.rows.map((r) => r.cells[1].value)).toEqual(["12.5", "1.5", "3.75"]);
    expect(chosen.check).toEqual({ total: 3, failing: 0 });
  });
});
