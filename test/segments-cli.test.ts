/** `segment count | members | explain | sql` in process: output, JSON Lines, validation errors and exit codes. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { runCliOn } from "./support/cli";
import { setupTestDb, teardownTestDb } from "./support/db";
import { customer, insertCustomers, only, where } from "./segments-support";

let db: Db;
let workspaceId: string;
let dir: string;
const ids: Record<string, string> = {};
const NOW = "2024-03-15T12:00:00Z";

const cli = (...argv: string[]) => runCliOn(db, argv);

const poles = only(where("country", "eq", "PL"));
const ordered30 = { type: "orders", measure: "count", operator: "gte", value: 1, window: { type: "last", amount: 30, unit: "day" } };
const recentBuyers = only(ordered30);

beforeAll(async () => {
  db = await setupTestDb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-segment-cli-"));
  expect((await cli("workspace", "create", "--slug", "shop", "--name", "Shop", "--time-zone", "Europe/Warsaw")).code).toBe(0);
  workspaceId = (await db.prisma.workspace.findUniqueOrThrow({ where: { slug: "shop" } })).id;
  const people = {
    ana: customer({ email: "ana@shop.test", firstName: "Ana", country: "PL", orders: [{ placedAt: new Date("2024-03-10T10:00:00Z") }] }),
    bo: customer({ email: "bo@shop.test", country: "PL" }),
    cy: customer({ email: "cy@shop.test", country: "DE", orders: [{ placedAt: new Date("2024-03-01T10:00:00Z") }, { placedAt: new Date("2023-01-01T10:00:00Z") }] }),
  };
  await insertCustomers(db.sql, workspaceId, Object.values(people));
  for (const [name, r] of Object.entries(people)) ids[name] = r.customer.id;
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await teardownTestDb();
});

describe("segment commands", () => {
  it("has help for the group and each command", async () => {
    for (const argv of [["segment", "--help"], ...["count", "members", "explain", "sql"].map((c) => ["segment", c, "--help"])]) {
      const result = await cli(...argv);
      expect(result.code, argv.join(" ")).toBe(0);
      expect(result.out).toMatch(/Usage: segmenta segment/);
    }
    expect((await cli("segment", "explain", "--help")).out).toMatch(/--customer <id\|email>/);
  });

  it("counts an inline definition, a file, and a JSON Lines file one count per line, in order", async () => {
    expect(await cli("segment", "count", "--workspace", "shop", "--definition", JSON.stringify(poles))).toMatchObject({ code: 0, out: "2", err: "" });
    const file = path.join(dir, "one.json");
    fs.writeFileSync(file, JSON.stringify(recentBuyers, null, 2));
    expect(await cli("segment", "count", "--workspace", "shop", "--definition", file, "--now", NOW)).toMatchObject({ code: 0, out: "2" });
    const lines = path.join(dir, "many.jsonl");
    const everyone = only(where("email", "is_not_empty"));
    fs.writeFileSync(lines, [poles, recentBuyers, everyone, only(where("country", "eq", "FR"))].map((d) => JSON.stringify(d)).join("\n") + "\n");
    expect(await cli("segment", "count", "--workspace", "shop", "--definition", lines, "--now", NOW)).toMatchObject({ code: 0, out: "2\n2\n3\n0" });
    // --now moves the window: nobody ordered in the 30 days before 2024-04-20.
    expect((await cli("segment", "count", "--workspace", "shop", "--definition", JSON.stringify(recentBuyers), "--now", "2024-04-20T00:00:00Z")).out).toBe("0");
  });

  it("prints members as CSV in id order", async () => {
    const result = await cli("segment", "members", "--workspace", "shop", "--definition", JSON.stringify(poles));
    expect(result.code).toBe(0);
    const expected = [["ana", "ana@shop.test"], ["bo", "bo@shop.test"]].sort((a, b) => ids[a[0]].localeCompare(ids[b[0]])).map(([n, e]) => `${ids[n]},${e}`);
    expect(result.out.split("\n")).toEqual(["id,email", ...expected]);
  });

  it("explains a customer by email or id, with ✓/✗ and what was measured", async () => {
    const definition = JSON.stringify(only(where("country", "eq", "PL"), ordered30));
    const ana = await cli("segment", "explain", "--workspace", "shop", "--definition", definition, "--customer", "ANA@shop.test", "--now", NOW);
    expect(ana.code).toBe(0);
    expect(ana.out.split("\n")).toEqual([
      `Customer ${ids.ana} (ana@shop.test, Ana) is a member.`,
      "✓ all of (AND)",
      '  ✓ country is "PL" — value "PL"',
      "  ✓ orders count ≥ 1 in the last 30 days (status paid) — measured 1",
    ]);
    const cy = await cli("segment", "explain", "--workspace", "shop", "--definition", definition, "--customer", ids.cy, "--now", NOW);
    expect(cy.out).toMatch(/is not a member\.\n✗ all of \(AND\)\n {2}✗ country is "PL" — value "DE"\n {2}✓ orders count ≥ 1 in the last 30 days \(status paid\) — measured 1/);
    const nobody = await cli("segment", "explain", "--workspace", "shop", "--definition", definition, "--customer", "ghost@shop.test");
    expect(nobody.code).toBe(1);
    expect(nobody.err).toMatch(/no customer with the id or email "ghost@shop.test"/);
  });

  it("prints the compiled SQL with its parameters", async () => {
    const result = await cli("segment", "sql", "--workspace", "shop", "--definition", JSON.stringify(poles));
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^SELECT count\(\*\)::int AS "n" FROM "Customer" c WHERE c."workspaceId" = \$1::uuid AND/);
    expect(result.out).toContain(`-- $1 = "${workspaceId}"`);
    expect(result.out).toContain('-- $2 = "PL"');
  });

  it("prints every validation error and exits non-zero; nothing is counted", async () => {
    const bad = JSON.stringify(only(where("nope", "eq", "x"), where("age", "gt")));
    const result = await cli("segment", "count", "--workspace", "shop", "--definition", bad);
    expect(result).toMatchObject({ code: 1, out: "" });
    expect(result.err).toBe('error: The definition is invalid:\n  root.children[0].field: unknown field "nope"\n  root.children[1].value: gt needs a value');
    const lines = path.join(dir, "bad.jsonl");
    fs.writeFileSync(lines, `${JSON.stringify(poles)}\n${JSON.stringify({ version: 2 })}\n`);
    const many = await cli("segment", "count", "--workspace", "shop", "--definition", lines);
    expect(many).toMatchObject({ code: 1, out: "" });
    expect(many.err).toMatch(/^error: 2 problems in the definitions:\n {2}line 2: version: version must be 1/);
    for (const command of ["members", "explain", "sql"]) {
      const extra = command === "explain" ? ["--customer", ids.ana] : [];
      const r = await cli("segment", command, "--workspace", "shop", "--definition", bad, ...extra);
      expect(r.code, command).toBe(1);
      expect(r.err, command).toMatch(/root\.children\[0\]\.field: unknown field "nope"/);
    }
    expect((await cli("segment", "count", "--workspace", "shop", "--definition", "{not json")).err).toMatch(/--definition: the definition is not valid JSON/);
    expect((await cli("segment", "count", "--workspace", "shop", "--definition", path.join(dir, "missing.json"))).err).toMatch(/neither JSON nor a readable file/);
    expect((await cli("segment", "count", "--workspace", "nowhere", "--definition", JSON.stringify(poles))).err).toMatch(/no workspace "nowhere"/);
    expect((await cli("segment", "count", "--workspace", "shop", "--definition", JSON.stringify(poles), "--now", "yesterday")).err).toMatch(/--now: must be an ISO 8601/);
  });
});
