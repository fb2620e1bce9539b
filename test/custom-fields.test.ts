import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestWorkspace, type TestWorkspace } from "@/lib/auth/testing";
import { createCustomField, setCustomFieldArchived, updateCustomField } from "@/lib/custom-fields/mutations";
import { getCustomField, listCustomFields } from "@/lib/custom-fields/queries";
import { createCustomer, updateCustomer } from "@/lib/customers/mutations";
import { getCustomer } from "@/lib/customers/queries";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getCatalog } from "@/lib/fields/queries";
import { pickableFields } from "@/lib/fields/catalog";
import { setupTestDb, teardownTestDb } from "./support/db";

let db: Db;
let ws: TestWorkspace;
const admin = () => ws.ctx("admin@cf.example");
const editor = () => ws.ctx("editor@cf.example");

beforeAll(async () => {
  db = await setupTestDb();
  ws = await createTestWorkspace(db, "fields", [
    { email: "admin@cf.example", role: "admin" },
    { email: "editor@cf.example", role: "editor" },
  ]);
});
afterAll(teardownTestDb);

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}

const device = { label: "Preferred device", type: "select" as const, options: [{ key: "ios", label: "iPhone" }, { key: "android", label: "Android" }, { key: "web", label: "Web" }] };

describe("creating custom fields", () => {
  it("derives the key from the label, keeps options, appends in order and writes an audit row", async () => {
    const field = await createCustomField(admin(), { ...device, description: "  Most used  " });
    expect(field).toMatchObject({ key: "preferred_device", label: "Preferred device", type: "select", description: "Most used", archived: false, position: 0 });
    expect(field.options).toEqual(device.options);
    const second = await createCustomField(admin(), { label: "Loyalty points", key: "points", type: "number", options: [{ key: "x", label: "X" }] });
    expect(second).toMatchObject({ key: "points", position: 1, options: [] });
    const audit = await db.prisma.auditLog.findMany({ where: { workspaceId: ws.id, entityType: "custom_field" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["custom_field.create", "custom_field.create"]);
    expect((await getCatalog(admin())).fields.find((f) => f.key === "custom.preferred_device")?.options).toEqual(device.options);
  });

  it("refuses a used key, a bad key, select types without options, and duplicate options — at the field", async () => {
    expect((await failure(createCustomField(admin(), { label: "Points again", key: "points", type: "text" }))).fieldErrors).toEqual({
      key: "This key is already used by another custom field in this workspace. Choose another.",
    });
    await expect(createCustomField(admin(), { label: "x", key: "Bad Key", type: "text" })).rejects.toThrow(/Start with a letter/);
    await expect(createCustomField(admin(), { label: "Empty", type: "multiselect" })).rejects.toThrow(/Add at least one option/);
    await expect(createCustomField(admin(), { label: "Dup", type: "select", options: [{ key: "a", label: "A" }, { key: "b", label: "a" }] })).rejects.toThrow(/used twice/);
    expect(await listCustomFields(admin())).toHaveLength(2);
  });

  it("is for admins only", async () => {
    expect((await failure(createCustomField(editor(), { label: "Nope", type: "text" }))).code).toBe("forbidden");
  });
});

describe("editing custom fields", () => {
  it("renames labels and option labels, adds options, never changes the key", async () => {
    const field = (await listCustomFields(admin())).find((f) => f.key === "preferred_device")!;
    const updated = await updateCustomField(admin(), {
      fieldId: field.id,
      label: "Device",
      type: "select",
      options: [{ key: "ios", label: "iOS" }, { key: "android", label: "Android" }, { key: "web", label: "Web" }, { key: "tv", label: "Smart TV" }],
      ...({ key: "renamed" } as object),
    });
    expect(updated).toMatchObject({ key: "preferred_device", label: "Device" });
    expect(updated.options.map((o) => o.label)).toEqual(["iOS", "Android", "Web", "Smart TV"]);
    const audit = await db.prisma.auditLog.findFirst({ where: { workspaceId: ws.id, action: "custom_field.update" } });
    expect(audit?.diff).toMatchObject({ key: "preferred_device", label: { from: "Preferred device", to: "Device" } });
  });

  it("refuses removing an option that customers use, naming how many; allows removing an unused one", async () => {
    const field = (await listCustomFields(admin())).find((f) => f.key === "preferred_device")!;
    await createCustomer(editor(), { email: "one@x.example", "custom.preferred_device": "ios" });
    await createCustomer(editor(), { email: "two@x.example", "custom.preferred_device": "iOS" });
    const e = await failure(updateCustomField(admin(), { fieldId: field.id, label: "Device", type: "select", options: [{ key: "android", label: "Android" }] }));
    expect(e.code).toBe("conflict");
    expect(e.fieldErrors?.options).toBe('In use: "iOS" (2 customers have it).');
    expect((await getCustomField(admin(), field.id))?.options).toHaveLength(4);
    const trimmed = await updateCustomField(admin(), { fieldId: field.id, label: "Device", type: "select", options: field.options.filter((o) => o.key !== "tv") });
    expect(trimmed.options.map((o) => o.key)).toEqual(["ios", "android", "web"]);
  });

  it("counts multiselect option use per option", async () => {
    const hobbies = await createCustomField(admin(), { label: "Hobbies", type: "multiselect", options: [{ key: "chess", label: "Chess" }, { key: "golf", label: "Golf" }] });
    await createCustomer(editor(), { email: "h1@x.example", "custom.hobbies": "chess;golf" });
    const e = await failure(updateCustomField(admin(), { fieldId: hobbies.id, label: "Hobbies", type: "multiselect", options: [{ key: "golf", label: "Golf" }] }));
    expect(e.message).toMatch(/"Chess" \(1 customer has it\)/);
  });

  it("refuses a type change while values exist, saying how many customers have one", async () => {
    const points = (await listCustomFields(admin())).find((f) => f.key === "points")!;
    const { id } = await createCustomer(editor(), { email: "p@x.example", "custom.points": "10" });
    const e = await failure(updateCustomField(admin(), { fieldId: points.id, label: "Points", type: "text" }));
    expect(e.fieldErrors?.type).toBe("1 customer has a value; the type can't change while values exist.");
    expect((await getCustomField(admin(), points.id))?.type).toBe("number");

    await updateCustomer(editor(), id, { "custom.points": "" });
    expect((await getCustomer(editor(), id))?.attributes).not.toHaveProperty("points");
    const changed = await updateCustomField(admin(), { fieldId: points.id, label: "Points", type: "text" });
    expect(changed.type).toBe("text");
    await updateCustomer(editor(), id, { "custom.points": "ten" });
    expect((await getCustomer(editor(), id))?.attributes.points).toBe("ten");
  });

  it("refuses another workspace's field id as not found", async () => {
    const other = await createTestWorkspace(db, "fields-other", [{ email: "admin@other.example", role: "admin" }]);
    const theirs = await createCustomField(other.ctx("admin@other.example"), { label: "Theirs", type: "text" });
    expect((await failure(updateCustomField(admin(), { fieldId: theirs.id, label: "Mine", type: "text" }))).code).toBe("not_found");
    expect((await failure(setCustomFieldArchived(admin(), { fieldId: theirs.id, archived: true }))).code).toBe("not_found");
    expect(await getCustomField(admin(), theirs.id)).toBeNull();
    expect(await getCustomField(other.ctx("admin@other.example"), theirs.id)).toMatchObject({ label: "Theirs", archived: false });
  });
});

describe("archiving", () => {
  it("keeps values, hides the field from pickers and refuses writes until unarchived", async () => {
    const field = (await listCustomFields(admin())).find((f) => f.key === "preferred_device")!;
    const archived = await setCustomFieldArchived(admin(), { fieldId: field.id, archived: true });
    expect(archived.archived).toBe(true);
    const catalog = await getCatalog(admin());
    expect(pickableFields(catalog).flatMap((g) => g.fields).some((f) => f.key === "custom.preferred_device")).toBe(false);
    const customer = await db.prisma.customer.findFirst({ where: { workspaceId: ws.id, email: "one@x.example" }, select: { id: true, attributes: true } });
    expect(customer?.attributes).toMatchObject({ preferred_device: "ios" });
    await expect(updateCustomer(editor(), customer!.id, { "custom.preferred_device": "web" })).rejects.toThrow(/archived/);
    await setCustomFieldArchived(admin(), { fieldId: field.id, archived: false });
    await updateCustomer(editor(), customer!.id, { "custom.preferred_device": "web" });
    const actions = await db.prisma.auditLog.findMany({ where: { workspaceId: ws.id, entityId: field.id }, select: { action: true }, orderBy: { id: "asc" } });
    expect(actions.map((a) => a.action).slice(-2)).toEqual(["custom_field.archive", "custom_field.unarchive"]);
  });
});
