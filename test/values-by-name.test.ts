/** Values by name: a country or language name counts as its code (engine and CLI), a bad name is refused naming a code; the picker's value reads. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { runCliOn } from "./support/cli";
import { countSegment } from "@/lib/segments/count";
import { InvalidDefinitionError } from "@/lib/segments/errors";
import { parseDefinition } from "@/lib/segments/schema";
import { listValues, missingValues } from "@/lib/segments/value-queries";
import { setupTestDb, teardownTestDb } from "./support/db";
import { TEST_CATALOG, TEST_CUSTOM_FIELDS, createWorkspace, customer, insertCustomers, only, where } from "./segments-support";

let db: Db;
let ctx: { workspaceId: string; timeZone: string };
let other: { workspaceId: string; timeZone: string };
const at = new Date("2024-03-01T10:00:00Z");

const cli = (...argv: string[]) => runCliOn(db, argv);

beforeAll(async () => {
  db = await setupTestDb();
  expect((await cli("workspace", "create", "--slug", "shop", "--name", "Shop", "--time-zone", "Europe/Warsaw")).code).toBe(0);
  ctx = { workspaceId: (await db.prisma.workspace.findUniqueOrThrow({ where: { slug: "shop" } })).id, timeZone: "Europe/Warsaw" };
  other = { workspaceId: await createWorkspace(db.sql), timeZone: "UTC" };
  await insertCustomers(db.sql, ctx.workspaceId, [
    customer({ country: "PL", language: "pl", city: "Kraków", tags: ["vip"], source: "organic_search",
      events: [{ name: "product_viewed", occurredAt: at, properties: { category: "toys_games" } }, { name: "product_viewed", occurredAt: at, properties: { category: "books" } }],
      orders: [{ placedAt: at, items: [{ category: "toys_games", quantity: 1, unitPrice: "10.00" }] }] }),
    customer({ country: "PL", language: "pl-PL", city: "kraków", tags: ["vip", "eco"], source: "organic_search",
      events: [{ name: "product_viewed", occurredAt: at, properties: { category: "toys_games" } }] }),
    customer({ country: "DE", language: "de-DE", city: "Berlin", source: "referral", events: [{ name: "cart_abandoned", occurredAt: at }] }),
  ]);
  // Another workspace's values must never show up.
  await insertCustomers(db.sql, other.workspaceId, [customer({ country: "FR", city: "Paris", tags: ["vip"], events: [{ name: "secret_event", occurredAt: at }] })]);
});
afterAll(() => teardownTestDb());

describe("names where codes are expected", () => {
  it("counts a country name, its code in any case and a list of names the same (engine)", async () => {
    const counts = await Promise.all(
      [where("country", "eq", "PL"), where("country", "eq", "Poland"), where("country", "eq", "pl"), where("country", "in", ["poland"])].map((c) => countSegment(ctx, only(c))),
    );
    expect(counts).toEqual([2, 2, 2, 2]);
    expect(await countSegment(ctx, only(where("country", "not_in", ["Poland", "Germany"])))).toBe(0);
    expect(await countSegment(ctx, only(where("language", "eq", "Polish")))).toBe(1);
    expect(await countSegment(ctx, only(where("language", "in", ["Polish (Poland)", "German (Germany)"])))).toBe(2);
  });

  it("stores the code: the parsed definition carries PL, not the name", () => {
    const parsed = parseDefinition(only(where("country", "in", ["Poland", "de"])), TEST_CATALOG);
    expect(parsed.ok && parsed.definition.root.children[0]).toMatchObject({ field: "country", value: ["PL", "DE"] });
  });

  it("refuses a name that is no country or language, naming the code", async () => {
    const error = await countSegment(ctx, only(where("country", "eq", "Polnd"))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidDefinitionError);
    expect((error as InvalidDefinitionError).errors).toEqual([
      { path: "root.children[0].value", message: 'Unknown country "Polnd": use a country name or an ISO code such as PL (did you mean Poland (PL)?)' },
    ]);
    const parsed = parseDefinition(only(where("language", "in", ["pl", "Klingonese"])), TEST_CATALOG);
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.path)).toEqual(["root.children[0].value[1]"]);
  });

  it("the command line counts Poland as PL and refuses Polnd with the code named", async () => {
    const count = (value: string) => cli("segment", "count", "--workspace", "shop", "--definition", JSON.stringify(only(where("country", "eq", value))));
    expect(await count("Poland")).toMatchObject({ code: 0, out: "2" });
    expect(await count("PL")).toMatchObject({ code: 0, out: "2" });
    const bad = await count("Polnd");
    expect(bad).toMatchObject({ code: 1, out: "" });
    expect(bad.err).toBe('error: The definition is invalid:\n  root.children[0].value: Unknown country "Polnd": use a country name or an ISO code such as PL (did you mean Poland (PL)?)');
  });

  it("the command line warns on stderr when a value is one nobody has, naming the closest one", async () => {
    const run = (...children: unknown[]) => cli("segment", "count", "--workspace", "shop", "--definition", JSON.stringify(only(...children)));
    expect(await run(where("country", "eq", "Poland"))).toMatchObject({ code: 0, out: "2", err: "" });
    const german = await run(where("language", "eq", "German"));
    expect(german).toMatchObject({ code: 0, out: "0" });
    expect(german.err).toBe('warning: root.children[0]: No customer has language "de" — did you mean German (Germany) (de-DE)?');
    const typo = await run(where("city", "in", ["Krakow", "Berlin"]), { type: "event", name: "cart_abandon", operator: "gte", value: 1 });
    expect(typo.err.split("\n")).toEqual([
      'warning: root.children[0]: No customer has city "Krakow" — did you mean Kraków?',
      'warning: root.children[1]: No customer has event "cart_abandon" — did you mean cart_abandoned?',
    ]);
  });
});

describe("the picker's values", () => {
  it("lists a field's values with how many customers have each, most first, from this workspace only", async () => {
    expect(await listValues(ctx, { kind: "field", field: "country" })).toEqual([{ value: "PL", count: 2 }, { value: "DE", count: 1 }]);
    expect(await listValues(ctx, { kind: "field", field: "tags" })).toEqual([{ value: "vip", count: 2 }, { value: "eco", count: 1 }]);
    expect(await listValues(ctx, { kind: "field", field: "city" }, { search: "KRA" })).toEqual([{ value: "Kraków", count: 1 }, { value: "kraków", count: 1 }]);
  });

  it("lists event names, event property values and categories by customers", async () => {
    expect(await listValues(ctx, { kind: "event" })).toEqual([{ value: "product_viewed", count: 2 }, { value: "cart_abandoned", count: 1 }]);
    expect(await listValues(ctx, { kind: "eventProperty", event: "product_viewed", property: "category" })).toEqual([{ value: "toys_games", count: 2 }, { value: "books", count: 1 }]);
    expect(await listValues(ctx, { kind: "category" })).toEqual([{ value: "toys_games", count: 1 }]);
  });

  it("finds the values nobody has, compared as the engine compares them", async () => {
    expect(await missingValues(ctx, { kind: "field", field: "country" }, ["pl", "FR"])).toEqual(["FR"]);
    expect(await missingValues(ctx, { kind: "field", field: "city" }, ["KRAKÓW", "Paris", "berlin"])).toEqual(["Paris"]);
    expect(await missingValues(ctx, { kind: "field", field: "tags" }, ["VIP", "gold"])).toEqual(["gold"]);
    expect(await missingValues(ctx, { kind: "event" }, ["secret_event", "cart_abandoned", "Cart_abandoned"])).toEqual(["secret_event", "Cart_abandoned"]);
  });

  it("counts custom select and multiselect options and custom text values, ignoring values of the wrong JSON type", async () => {
    const scope = { workspaceId: await createWorkspace(db.sql), timeZone: "UTC" };
    for (const [position, f] of TEST_CUSTOM_FIELDS.entries()) {
      await db.sql.query(
        `INSERT INTO "CustomField" ("workspaceId", "key", "label", "type", "options", "archived", "position") VALUES ($1, $2, $3, $4::"CustomFieldType", $5::jsonb, $6, $7)`,
        [scope.workspaceId, f.key, f.label, f.type, JSON.stringify(f.options ?? []), f.archived ?? false, position],
      );
    }
    await insertCustomers(db.sql, scope.workspaceId, [
      customer({ attributes: { plan: "pro", interests: ["coffee", "tea"], note: "call back" } }),
      customer({ attributes: { plan: "pro", interests: ["tea"], note: 42 } }),
      customer({ attributes: { plan: "free", interests: "coffee" } }),
    ]);
    expect(await listValues(scope, { kind: "field", field: "custom.plan" })).toEqual([{ value: "pro", count: 2 }, { value: "free", count: 1 }]);
    expect(await listValues(scope, { kind: "field", field: "custom.interests" })).toEqual([{ value: "tea", count: 2 }, { value: "coffee", count: 1 }]);
    expect(await listValues(scope, { kind: "field", field: "custom.note" })).toEqual([{ value: "call back", count: 1 }]);
    expect(await missingValues(scope, { kind: "field", field: "custom.note" }, ["CALL BACK", "42"])).toEqual(["42"]);
  });

  it("refuses fields without a list of values", async () => {
    await expect(listValues(ctx, { kind: "field", field: "income" })).rejects.toThrow(/no list of values/);
  });
});
