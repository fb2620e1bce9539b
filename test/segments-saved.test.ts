/** Saved segments: create, update with optimistic concurrency, duplicate, delete refused while referenced, list counts, workspace scoping. */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { countSegment } from "@/lib/segments/count";
import { InvalidDefinitionError } from "@/lib/segments/errors";
import { createSegment, deleteSegment, duplicateSegment, SegmentConflictError, updateSegment } from "@/lib/segments/saved-mutations";
import { explainCustomerSegments } from "@/lib/segments/saved-explain";
import { getSegment, listSegments, type SavedSegmentContext } from "@/lib/segments/saved-queries";
import { setupTestDb, teardownTestDb } from "./support/db";
import { createWorkspace, customer, insertCustomers, only, where } from "./segments-support";

let db: Db;
let A: SavedSegmentContext;
let A2: SavedSegmentContext;
let B: SavedSegmentContext;

const POLE_OPTED_IN = crypto.randomUUID();
const LIST = { q: "", sort: "name", dir: "asc" } as const;
const poles = only(where("country", "in", ["PL"]));
const optedIn = only(where("emailOptIn", "is_true"));

async function createUser(name: string): Promise<string> {
  const id = crypto.randomUUID();
  await db.sql.query(`INSERT INTO "User" ("id", "email", "name", "passwordHash") VALUES ($1, $2, $3, 'x')`, [id, `${id}@t.test`, name]);
  return id;
}

async function auditCount(workspaceId: string): Promise<number> {
  const [row] = await db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog" WHERE "workspaceId" = $1 AND "entityType" = 'segment'`, [workspaceId]);
  return row.n;
}

beforeAll(async () => {
  db = await setupTestDb();
  const a = await createWorkspace(db.sql);
  const b = await createWorkspace(db.sql);
  A = { workspaceId: a, timeZone: "UTC", userId: await createUser("Ada Editor") };
  A2 = { workspaceId: a, timeZone: "UTC", userId: await createUser("Bo Colleague") };
  B = { workspaceId: b, timeZone: "UTC", userId: await createUser("Cy Other") };
  await insertCustomers(db.sql, a, [
    customer({ id: POLE_OPTED_IN, country: "PL", emailOptIn: true }), customer({ country: "PL" }), customer({ country: "DE", emailOptIn: true }), customer({ country: "US" }),
  ]);
  await insertCustomers(db.sql, b, [customer({ country: "PL" })]);
});
afterAll(teardownTestDb);

describe("create and update", () => {
  it("creates a segment with a validated definition, trimmed name and who made it", async () => {
    const s = await createSegment(A, { name: "  Poles ", description: "", definition: poles });
    expect(s).toMatchObject({ name: "Poles", description: null, version: 1, updatedBy: { name: "Ada Editor" } });
    expect(s.definition).toMatchObject(poles as object);
  });

  it("refuses an invalid definition with the node path, and a too long name, saving nothing", async () => {
    const before = (await listSegments(A, LIST)).rows.length;
    const bad = only(where("country", "in", []));
    await expect(createSegment(A, { name: "Bad", definition: bad })).rejects.toSatisfy(
      (e) => e instanceof InvalidDefinitionError && e.errors[0].path === "root.children[0].value",
    );
    await expect(createSegment(A, { name: "x".repeat(101), definition: poles })).rejects.toThrow(/at most 100 characters/);
    await expect(createSegment(A, { name: "Unknown field", definition: only(where("shoeSize", "eq", 3)) })).rejects.toThrow(/unknown field/);
    expect((await listSegments(A, LIST)).rows.length).toBe(before);
  });

  it("updates when the version matches and refuses a stale version naming who saved and when", async () => {
    const s = await createSegment(A, { name: "Opted in", definition: optedIn });
    const first = await updateSegment(A2, { id: s.id, version: 1, name: "Opted in (colleague)", definition: optedIn });
    expect(first).toMatchObject({ version: 2, name: "Opted in (colleague)", updatedBy: { name: "Bo Colleague" } });
    const stale = updateSegment(A, { id: s.id, version: 1, name: "Mine", definition: poles });
    await expect(stale).rejects.toBeInstanceOf(SegmentConflictError);
    await expect(stale).rejects.toThrow(/Bo Colleague .* saved this segment at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    const stored = await getSegment(A, s.id);
    expect(stored).toMatchObject({ version: 2, name: "Opted in (colleague)", definition: optedIn });
  });

  it("lets exactly one of two simultaneous saves of the same version through", async () => {
    const s = await createSegment(A, { name: "Race", definition: poles });
    const results = await Promise.allSettled([
      updateSegment(A, { id: s.id, version: 1, name: "Race (Ada)", definition: poles }),
      updateSegment(A2, { id: s.id, version: 1, name: "Race (Bo)", definition: optedIn }),
    ]);
    const saved = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(saved).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(SegmentConflictError);
    const stored = await getSegment(A, s.id);
    expect(stored?.version).toBe(2);
    expect(stored?.name).toBe((saved[0] as PromiseFulfilledResult<{ name: string }>).value.name);
  });

  it("rejects a segment that refers to itself (a cycle)", async () => {
    const s = await createSegment(A, { name: "Self", definition: poles });
    const self = only({ type: "segment", segmentId: s.id, operator: "in" });
    await expect(updateSegment(A, { id: s.id, version: 1, name: "Self", definition: self })).rejects.toThrow(/cycle/);
  });
});

describe("duplicate and delete", () => {
  it("duplicates under a new name and id", async () => {
    const s = await createSegment(A, { name: "Base", description: "the base", definition: poles });
    const copy = await duplicateSegment(A, { id: s.id });
    expect(copy.id).not.toBe(s.id);
    expect(copy).toMatchObject({ name: "Copy of Base", description: "the base", version: 1, definition: poles });
  });

  it("refuses to delete a segment another one uses, naming it, then deletes once it is free", async () => {
    const used = await createSegment(A, { name: "Used", definition: poles });
    const user = await createSegment(A, { name: "User of Used", definition: only({ type: "segment", segmentId: used.id, operator: "in" }, where("emailOptIn", "is_true")) });
    await expect(deleteSegment(A, { id: used.id })).rejects.toThrow(/"Used" can't be deleted: segment "User of Used" uses it/);
    expect(await getSegment(A, used.id)).not.toBeNull();
    await deleteSegment(A, { id: user.id });
    await deleteSegment(A, { id: used.id });
    expect(await getSegment(A, used.id)).toBeNull();
  });
});

describe("delete racing a save that refers to the segment", () => {
  it("never ends with a reference to a deleted segment", async () => {
    for (let round = 0; round < 5; round++) {
      const target = await createSegment(A, { name: `Target ${round}`, definition: poles });
      const [deleted, created] = await Promise.allSettled([
        deleteSegment(A, { id: target.id }),
        createSegment(A, { name: `Refers ${round}`, definition: only({ type: "segment", segmentId: target.id, operator: "in" }) }),
      ]);
      expect([deleted.status, created.status].sort(), `round ${round}`).not.toEqual(["fulfilled", "fulfilled"]);
      if (created.status === "fulfilled") {
        expect(await getSegment(A, target.id)).not.toBeNull();
        await deleteSegment(A, { id: created.value.id });
      }
      if (deleted.status === "fulfilled") expect(await getSegment(A, target.id)).toBeNull();
    }
  });
});

describe("workspace scoping", () => {
  it("treats another workspace's segment as not found and changes nothing", async () => {
    const s = await createSegment(A, { name: "A only", definition: poles });
    const audits = await auditCount(A.workspaceId);
    expect(await getSegment(B, s.id)).toBeNull();
    for (const attempt of [
      () => updateSegment(B, { id: s.id, version: 1, name: "hijacked", definition: poles }),
      () => deleteSegment(B, { id: s.id }),
      () => duplicateSegment(B, { id: s.id }),
    ]) {
      await expect(attempt()).rejects.toSatisfy((e) => e instanceof AppError && e.code === "not_found");
    }
    await expect(createSegment(B, { name: "ref", definition: only({ type: "segment", segmentId: s.id, operator: "in" }) })).rejects.toThrow(/unknown segment/);
    expect(await getSegment(A, s.id)).toMatchObject({ name: "A only", version: 1 });
    expect(await auditCount(A.workspaceId)).toBe(audits);
    expect((await listSegments(B, LIST)).rows).toEqual([]);
  });
});

describe("listSegments", () => {
  it("lists live counts equal to countSegment, with share, search and sort", async () => {
    const { rows, total } = await listSegments(A, LIST);
    expect(total).toBe(4);
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      const expected = await countSegment(A, row.definition);
      expect(row.members, row.name).toBe(expected);
      expect(row.share).toBeCloseTo(expected / 4);
    }
    expect(rows.find((r) => r.name === "Poles")?.members).toBe(2);
    expect(rows.map((r) => r.name)).toEqual([...rows.map((r) => r.name)].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })));
    const searched = await listSegments(A, { ...LIST, q: "opted" });
    expect(searched.rows.map((r) => r.name)).toEqual(["Opted in (colleague)"]);
    const byMembers = await listSegments(A, { q: "", sort: "members", dir: "desc" });
    const counts = byMembers.rows.map((r) => r.members ?? -1);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it("reports a stored definition that no longer validates instead of a count", async () => {
    const id = crypto.randomUUID();
    await db.sql.query(`INSERT INTO "Segment" ("workspaceId", "id", "name", "definition") VALUES ($1, $2, 'Broken', $3::jsonb)`, [A.workspaceId, id, JSON.stringify(only(where("gone", "eq", "x")))]);
    const row = (await listSegments(A, { ...LIST, q: "Broken" })).rows[0];
    expect(row).toMatchObject({ members: null, share: null });
    expect(row.countProblem).toMatch(/unknown field "gone"/);
  });
});

describe("explainCustomerSegments", () => {
  it("says for every segment whether the customer is in it, with each condition's result", async () => {
    const both = await createSegment(A, { name: "Poles not opted in", definition: only(where("country", "in", ["PL"]), where("emailOptIn", "is_false")) });
    const result = await explainCustomerSegments(A, POLE_OPTED_IN);
    const verdict = result!.verdicts.find((v) => v.id === both.id)!;
    expect(verdict.member).toBe(false);
    expect(verdict.explanation!.children!.map((c) => [c.result, c.actual])).toEqual([[true, "PL"], [false, true]]);
    expect(result!.verdicts.find((v) => v.name === "Poles")?.member).toBe(true);
    expect(result!.verdicts.find((v) => v.name === "Broken")).toMatchObject({ member: null, problem: expect.stringMatching(/unknown field/) });
    expect(await explainCustomerSegments(B, POLE_OPTED_IN)).toBeNull();
  });

  it("explains segments with RFM conditions too, scored live as counts are (a profile never fails on them)", async () => {
    const notChampions = await createSegment(A, { name: "Not champions", definition: only({ type: "rfm", operator: "not_in", value: ["Champions"] }) });
    const champions = await createSegment(A, { name: "Champions only", definition: only({ type: "rfm", operator: "in", value: ["Champions"] }) });
    const result = await explainCustomerSegments(A, POLE_OPTED_IN);
    // The customer has no paid order, so no RFM score: outside Champions, inside "not Champions".
    expect(result!.verdicts.find((v) => v.id === notChampions.id)).toMatchObject({ member: true, problem: null });
    expect(result!.verdicts.find((v) => v.id === champions.id)).toMatchObject({ member: false, problem: null });
  });
});
