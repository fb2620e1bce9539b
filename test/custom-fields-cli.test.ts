import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOn } from "./support/cli";
import type { Db } from "@/lib/db/client";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;

const cli = (...argv: string[]) => runCliOn(db, argv);

beforeAll(async () => {
  db = await setupTestDb();
  await db.prisma.workspace.create({ data: { slug: "shop", name: "Shop" } });
});
afterAll(teardownTestDb);

describe("npm run cli -- fields", () => {
  it("creates fields with options (labels or key:label) and lists them as a table", async () => {
    expect(await cli("fields", "list", "--workspace", "shop")).toMatchObject({ code: 0, out: 'The workspace "shop" has no custom fields.' });
    const select = await cli("fields", "create", "--workspace", "shop", "--key", "device", "--label", "Device", "--type", "select", "--options", "Mobile,Desktop, Smart TV");
    expect(select).toMatchObject({ code: 0, err: "" });
    expect(select.out).toBe('Created custom field "device" (Device, select) with options mobile:Mobile, desktop:Desktop, smart_tv:Smart TV in shop.');
    const multi = await cli("fields", "create", "--workspace", "shop", "--label", "Hobbies", "--type", "multiselect", "--options", "ch:Chess,go:Golf", "--description", "Free time");
    expect(multi.out).toMatch(/Created custom field "hobbies" \(Hobbies, multiselect\) with options ch:Chess, go:Golf/);
    expect((await cli("fields", "create", "--workspace", "shop", "--key", "points", "--label", "Points", "--type", "number")).code).toBe(0);

    const list = await cli("fields", "list", "--workspace", "shop");
    expect(list.code).toBe(0);
    expect(list.out.split("\n")).toEqual([
      "KEY      LABEL    TYPE         STATUS  OPTIONS",
      `-------  -------  -----------  ------  ${"-".repeat("mobile:Mobile, desktop:Desktop, smart_tv:Smart TV".length)}`,
      "device   Device   select       active  mobile:Mobile, desktop:Desktop, smart_tv:Smart TV",
      "hobbies  Hobbies  multiselect  active  ch:Chess, go:Golf",
      "points   Points   number       active",
    ]);
    const audit = await db.prisma.auditLog.findMany({ where: { action: "custom_field.create" }, select: { actorId: true } });
    expect(audit).toEqual([{ actorId: null }, { actorId: null }, { actorId: null }]);
  });

  it("archives and unarchives by key", async () => {
    expect((await cli("fields", "archive", "--workspace", "shop", "--key", "points")).out).toBe('Archived custom field "points".');
    expect((await cli("fields", "list", "--workspace", "shop")).out).toMatch(/points +Points +number +archived/);
    expect((await cli("fields", "archive", "--workspace", "shop", "--key", "points", "--unarchive")).out).toBe('Unarchived custom field "points".');
  });

  it("refuses bad input with a clear message and a non-zero exit", async () => {
    const type = await cli("fields", "create", "--workspace", "shop", "--label", "X", "--type", "colour");
    expect(type).toMatchObject({ code: 1 });
    expect(type.err).toMatch(/--type: Choose a type/);
    const taken = await cli("fields", "create", "--workspace", "shop", "--key", "device", "--label", "Again", "--type", "text");
    expect(taken.code).toBe(1);
    expect(taken.err).toMatch(/key "device" already exists/);
    const noOptions = await cli("fields", "create", "--workspace", "shop", "--label", "Tier", "--type", "select");
    expect(noOptions.err).toMatch(/Add at least one option/);
    const nowhere = await cli("fields", "list", "--workspace", "nope");
    expect(nowhere).toMatchObject({ code: 1, err: 'error: There is no workspace "nope".' });
    const missing = await cli("fields", "archive", "--workspace", "shop", "--key", "ghost");
    expect(missing.err).toMatch(/no custom field "ghost"/);
  });
});
