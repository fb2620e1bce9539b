/** The audit log: filters by person, action and date, keyset paging, workspace scoping, the CSV export, and the entries imports write. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/w/[workspace]/audit/export/route";
import { AUDIT_EXPORT_HEADER, exportAuditCsv } from "@/lib/audit/export";
import { listAuditEntries, listAuditPeople, type AuditRow } from "@/lib/audit/queries";
import { AUDIT_PAGE_SIZE, filtersOf, type AuditFilters } from "@/lib/audit/schemas";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { createCustomField, updateCustomField } from "@/lib/custom-fields/mutations";
import type { Db } from "@/lib/db/client";
import { runImportJob } from "@/lib/import/engine";
import { createUploadJob, startImport } from "@/lib/import/mutations";
import { bodyOf, importLocalFile } from "@/lib/import/testing";
import { changeMemberRole, removeMember } from "@/lib/members/mutations";
import { createSegment, updateSegment } from "@/lib/segments/saved-mutations";
import { only, where } from "./segments-support";
import { setupTestDb, teardownTestDb } from "./support/db";

const session = vi.hoisted(() => ({ user: null as null | { id: string; email: string; name: string } }));
vi.mock("@/lib/auth/session", () => ({ getSessionUser: async () => session.user }));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-audit-"));
let db: Db;
let a: TestWorkspace;
let b: TestWorkspace;
const NONE: AuditFilters = { person: null, actions: null, from: null, to: null };

const admin = () => a.ctx("admin@a.test");
const editor = () => a.ctx("editor@a.test");

async function entry(ws: TestWorkspace, email: string | null, action: string, createdAt: string, diff: object = {}): Promise<void> {
  await db.prisma.auditLog.create({
    data: { workspaceId: ws.id, actorId: email ? ws.userId(email) : null, action, entityType: "test", diff, createdAt: new Date(createdAt) },
  });
}

async function all(ws: TestWorkspace, filters: AuditFilters): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  let page = await listAuditEntries({ workspaceId: ws.id, timeZone: "Europe/Warsaw" }, filters);
  rows.push(...page.entries);
  while (page.older) {
    page = await listAuditEntries({ workspaceId: ws.id, timeZone: "Europe/Warsaw" }, filters, { before: page.older });
    rows.push(...page.entries);
  }
  return rows;
}

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
async function csvRecords(stream: ReadableStream<Uint8Array>): Promise<Record<string, string>[]> {
  const text = decoder.decode(await new Response(stream).arrayBuffer());
  expect(text.charCodeAt(0)).toBe(0xfeff);
  return parse(text.slice(1), { columns: true });
}

beforeAll(async () => {
  process.env.SEGMENTA_DATA_DIR = dir;
  db = await setupTestDb();
  a = await createTestWorkspace(db, "audit-a", [
    { email: "admin@a.test", role: "admin", name: "Ada Admin" },
    { email: "editor@a.test", role: "editor", name: "Eddie Editor" },
    { email: "leaver@a.test", role: "editor", name: "Lee Leaver" },
    { email: "both@x.test", role: "viewer", name: "Bo Both" },
  ]);
  b = await createTestWorkspace(db, "audit-b", [
    { email: "admin@b.test", role: "admin" },
    { email: "both@x.test", role: "admin", name: "Bo Both" },
  ]);
  // Around midnight in Warsaw (UTC+2 in June): 21:30Z is 1 June there, 22:30Z is 2 June.
  await entry(a, "both@x.test", "segment.create", "2026-06-01T21:30:00Z", { name: "Late on the 1st" });
  await entry(a, "both@x.test", "segment.delete", "2026-06-01T22:30:00Z", { name: "Early on the 2nd" });
  await entry(a, null, "customer.export", "2026-06-03T10:00:00Z", { name: "=HYPERLINK(\"http://x\")", search: "vip" });
  await entry(b, "both@x.test", "segment.create", "2026-06-02T10:00:00Z", { name: "In B" });
  await entry(b, "admin@b.test", "member.add", "2026-06-02T11:00:00Z", { email: "x@b.test", role: "viewer" });
});
afterAll(async () => {
  await teardownTestDb();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  session.user = null;
});

describe("writers record through recordAudit", () => {
  it("records before → after for custom field, segment and role changes", async () => {
    const field = await createCustomField(admin(), { key: "tier", label: "Tier", type: "text", options: [], description: "" });
    await updateCustomField(admin(), { fieldId: field.id, label: "Loyalty tier", type: "text", options: [], description: "Gold, silver" });
    const segment = await createSegment(admin(), { name: "Poles", definition: only(where("country", "in", ["PL"])) });
    await updateSegment(admin(), { id: segment.id, version: segment.version, name: "Germans", definition: only(where("country", "in", ["DE"])) });
    await changeMemberRole(admin(), { userId: a.userId("leaver@a.test"), role: "viewer" });
    await removeMember(admin(), { userId: a.userId("leaver@a.test") });

    const rows = await all(a, { ...NONE, person: a.userId("admin@a.test") });
    const by = (action: string) => rows.find((r) => r.action === action)?.diff;
    expect(by("custom_field.update")).toMatchObject({ key: "tier", label: { from: "Tier", to: "Loyalty tier" }, description: { from: null, to: "Gold, silver" } });
    expect(by("segment.update")).toMatchObject({
      name: "Germans",
      changes: { name: { from: "Poles", to: "Germans" }, rules: { from: "Customers in Poland.", to: "Customers in Germany." } },
    });
    expect(by("member.role_change")).toMatchObject({ email: "leaver@a.test", from: "editor", to: "viewer" });
  });

  it("offers members and past actors to the person filter", async () => {
    await entry(a, "leaver@a.test", "customer.update", "2026-05-01T10:00:00Z", { fields: ["email"] });
    const people = await listAuditPeople({ workspaceId: a.id, timeZone: "Europe/Warsaw" });
    expect(people.filter((p) => p.isMember).map((p) => p.email).sort()).toEqual(["admin@a.test", "both@x.test", "editor@a.test"]);
    expect(people.filter((p) => !p.isMember).map((p) => p.email)).toEqual(["leaver@a.test"]);
    const [row] = await all(a, { ...NONE, person: a.userId("leaver@a.test") });
    expect(row).toMatchObject({ actorName: "Lee Leaver", actorIsMember: false, action: "customer.update" });
  });
});

describe("filters", () => {
  it("by person: only that person's entries, and only this workspace's", async () => {
    const rows = await all(a, { ...NONE, person: a.userId("both@x.test") });
    expect(rows.map((r) => r.action)).toEqual(["segment.delete", "segment.create"]);
    expect((await all(b, { ...NONE, person: b.userId("both@x.test") })).map((r) => r.diff)).toEqual([{ name: "In B" }]);
    // B's admin never acted in A.
    expect(await all(a, { ...NONE, person: b.userId("admin@b.test") })).toEqual([]);
    expect((await all(a, { ...NONE, person: "system" })).map((r) => r.action)).toEqual(["customer.export"]);
  });

  it("by action and by group", async () => {
    expect((await all(a, filtersOf({ action: "segment.delete" }))).map((r) => r.diff)).toEqual([{ name: "Early on the 2nd" }]);
    const segments = await all(a, filtersOf({ action: "group:segments" }));
    expect(new Set(segments.map((r) => r.action))).toEqual(new Set(["segment.create", "segment.update", "segment.delete"]));
    expect(await all(a, filtersOf({ action: "member.add" }))).toEqual([]);
    expect(await all(a, filtersOf({ action: "no.such_action" }))).toEqual([]);
  });

  it("by date, in the workspace's time zone, both ends inclusive", async () => {
    const day2 = await all(a, filtersOf({ from: "2026-06-02", to: "2026-06-02" }));
    expect(day2.map((r) => r.diff)).toEqual([{ name: "Early on the 2nd" }]);
    const day1 = await all(a, filtersOf({ to: "2026-06-01", action: "group:segments" }));
    expect(day1.map((r) => r.diff)).toEqual([{ name: "Late on the 1st" }]);
    // A reversed range is read the right way round.
    expect((await all(a, filtersOf({ from: "2026-06-03", to: "2026-06-01" }))).length).toBe(3);
  });

  it("pages newest first without gaps or repeats, also among equal instants, and back", async () => {
    const ws = await createTestWorkspace(db, "audit-paging", [{ email: "pager@p.test", role: "admin" }]);
    for (let i = 0; i < AUDIT_PAGE_SIZE * 2 + 7; i++) await entry(ws, "pager@p.test", "segment.create", `2026-07-0${1 + (i % 3)}T10:00:00Z`, { name: `s${i}` });
    const scope = { workspaceId: ws.id, timeZone: "Europe/Warsaw" };
    const first = await listAuditEntries(scope, NONE);
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.newer).toBeNull();
    const rows = await all(ws, NONE);
    expect(rows).toHaveLength(AUDIT_PAGE_SIZE * 2 + 7);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    const order = rows.map((r) => [r.createdAt.getTime(), BigInt(r.id)] as const);
    for (let i = 1; i < order.length; i++) expect(order[i - 1][0] > order[i][0] || (order[i - 1][0] === order[i][0] && order[i - 1][1] > order[i][1])).toBe(true);
    const second = await listAuditEntries(scope, NONE, { before: first.older });
    const back = await listAuditEntries(scope, NONE, { after: second.newer });
    expect(back.entries.map((r) => r.id)).toEqual(first.entries.map((r) => r.id));
    expect(back.newer).toBeNull();
  });

  it("never reads another workspace's entries, even from a cursor taken there", async () => {
    const [inB] = await all(b, NONE);
    const page = await listAuditEntries({ workspaceId: a.id, timeZone: "Europe/Warsaw" }, NONE, { before: { ms: Date.parse("2030-01-01T00:00:00Z"), id: inB.id } });
    expect(page.entries.every((r) => r.action !== "member.add" && JSON.stringify(r.diff) !== JSON.stringify({ name: "In B" }))).toBe(true);
    expect(page.entries.length).toBeGreaterThan(0);
  });
});

describe("CSV export", () => {
  it("holds exactly the filtered entries, in order, in words, formulas neutralized, and is itself recorded", async () => {
    const filters = filtersOf({ action: "group:segments" });
    const expected = await all(a, filters);
    const records = await csvRecords(await exportAuditCsv(admin(), filters, { batchRows: 2 }));
    expect(Object.keys(records[0])).toEqual([...AUDIT_EXPORT_HEADER]);
    expect(records.map((r) => r.id)).toEqual(expected.map((r) => r.id));
    const update = records.find((r) => r.action === "segment.update");
    expect(update).toMatchObject({ person: "Ada Admin", email: "admin@a.test", actionLabel: "Segment saved", entity: "Germans" });
    expect(update?.details).toBe("Name: Poles → Germans; Rules: Customers in Poland. → Customers in Germany.");
    const late = records.find((r) => r.entity === "Late on the 1st");
    expect(late?.localTime).toBe("2026-06-01 23:30:00");

    const system = await csvRecords(await exportAuditCsv(admin(), filtersOf({ person: "system", action: "customer.export" })));
    expect(system).toHaveLength(1);
    expect(system[0].person).toBe("Command line / system");
    expect(system[0].entity).toBe(`'=HYPERLINK("http://x")`);
    expect(system[0].details).toBe("Search: vip");
    expect(system[0].data.startsWith("{")).toBe(true);

    const exports = await all(a, { ...NONE, actions: ["audit.export"] });
    expect(exports[0]).toMatchObject({ actorId: a.userId("admin@a.test"), diff: { person: "system", actions: ["Customers exported"] } });
  });

  it("is for admins only, through the route, with the page's parameters", async () => {
    const req = (q: string) => new Request(`http://localhost/api/w/${a.slug}/audit/export${q}`);
    const params = { params: Promise.resolve({ workspace: a.slug }) };
    session.user = { id: a.userId("editor@a.test"), email: "editor@a.test", name: "Eddie Editor" };
    expect((await GET(req(""), params)).status).toBe(403);
    session.user = { id: b.userId("admin@b.test"), email: "admin@b.test", name: "B" };
    expect((await GET(req(""), params)).status).toBe(404);
    session.user = { id: a.userId("admin@a.test"), email: "admin@a.test", name: "Ada Admin" };
    const res = await GET(req("?action=segment.delete&from=2026-06-02"), params);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-log-audit-a-\d{4}-\d{2}-\d{2}\.csv"$/);
    const records = await csvRecords(res.body!);
    expect(records.map((r) => r.entity)).toEqual(["Early on the 2nd"]);
  });
});

describe("imports", () => {
  it("record import.start with file, type and rows, and import.finish with the counts, as the person who started them", async () => {
    const csv = "email,name\nnew1@i.test,One\nnew2@i.test,Two\nnot-an-email,Bad\n";
    const { jobId } = await createUploadJob(editor(), { type: "customers", fileName: "people.csv", body: bodyOf(csv) });
    const choices = { columns: [{ index: 0, target: "email" }, { index: 1, target: "firstName" }], match: "email" as const, onExisting: "update" as const };
    expect(await all(a, filtersOf({ action: "group:imports" }))).toEqual([]);
    await expect(startImport(editor(), { jobId, choices })).rejects.toThrow(/would not be imported/);
    expect(await all(a, filtersOf({ action: "import.start" }))).toEqual([]);
    await startImport(editor(), { jobId, choices, skipFailing: 1 });
    await runImportJob(a.id, jobId);

    const rows = await all(a, filtersOf({ action: "group:imports" }));
    expect(rows.map((r) => [r.action, r.actorId, r.entityId])).toEqual([
      ["import.finish", a.userId("editor@a.test"), jobId],
      ["import.start", a.userId("editor@a.test"), jobId],
    ]);
    expect(rows[1].diff).toEqual({ type: "customers", fileName: "people.csv", rows: 3 });
    expect(rows[0].diff).toEqual({ type: "customers", fileName: "people.csv", status: "completed", created: 2, updated: 0, skipped: 0, failed: 1 });
    // Running the finished job again writes nothing more.
    await runImportJob(a.id, jobId);
    expect(await all(a, filtersOf({ action: "group:imports" }))).toHaveLength(2);
  });

  it("record command-line imports without a person", async () => {
    const file = path.join(dir, "cli.csv");
    fs.writeFileSync(file, "email\ncli1@i.test\n");
    const { jobId } = await importLocalFile({ workspaceId: a.id, timeZone: "Europe/Warsaw", userId: null }, "customers", file, { columns: [{ index: 0, target: "email" }] });
    const rows = (await all(a, filtersOf({ person: "system", action: "group:imports" }))).filter((r) => r.entityId === jobId);
    expect(rows.map((r) => r.action)).toEqual(["import.finish", "import.start"]);
    expect(rows[0].diff).toMatchObject({ fileName: "cli.csv", created: 1 });
  });
});
