import { describe, expect, test } from "vitest";
import { buildCatalog } from "@/lib/fields/catalog";
import { pickableListColumns } from "./list-columns";
import { LIST_DEFAULTS, listCustomersInputSchema, listViewSearch, parseListView, usableColumns } from "./list-schemas";

const catalog = buildCatalog([
  { key: "loyalty_points", label: "Loyalty points", type: "number" },
  { key: "interests", label: "Interests", type: "multiselect", options: [{ key: "music", label: "Music" }] },
  { key: "old_note", label: "Old note", type: "text", archived: true },
]);

const DEFAULT_VIEW = {
  page: 1,
  pageSize: 25,
  sort: "createdAt",
  direction: "desc",
  search: "",
  columns: [...LIST_DEFAULTS.columns],
  columnsFromUrl: false,
  segment: null,
};

describe("parseListView (the URL)", () => {
  test("a bare URL is the default view", () => {
    expect(parseListView({}, catalog)).toEqual(DEFAULT_VIEW);
  });

  test("reads every parameter", () => {
    const view = parseListView({ page: "3", size: "100", sort: "custom.loyalty_points", dir: "asc", q: "ada", cols: "email,custom.interests" }, catalog);
    expect(view).toEqual({ page: 3, pageSize: 100, sort: "custom.loyalty_points", direction: "asc", search: "ada", columns: ["email", "custom.interests"], columnsFromUrl: true, segment: null });
  });

  test("reads the segment filter: in by default, not_in on request; anything that is not a segment id is ignored", () => {
    const id = "3f2b8c1e-9a4d-4e5f-8a6b-1c2d3e4f5a6b";
    expect(parseListView({ segment: id.toUpperCase() }, catalog).segment).toEqual({ id, exclude: false });
    expect(parseListView({ segment: id, segmentOp: "not_in" }, catalog).segment).toEqual({ id, exclude: true });
    expect(parseListView({ segment: id, segmentOp: "sideways" }, catalog).segment).toEqual({ id, exclude: false });
    expect(parseListView({ segment: "1 OR 1=1" }, catalog).segment).toBeNull();
    expect(parseListView({ segmentOp: "not_in" }, catalog).segment).toBeNull();
  });

  test("accepts URLSearchParams and repeated parameters (the first wins)", () => {
    expect(parseListView(new URLSearchParams("page=2&q=x"), catalog)).toMatchObject({ page: 2, search: "x" });
    expect(parseListView({ page: ["4", "9"], q: ["a", "b"] }, catalog)).toMatchObject({ page: 4, search: "a" });
  });

  test("bad values fall back to the defaults instead of failing", () => {
    const view = parseListView({ page: "-2", size: "30", dir: "sideways", sort: "" }, catalog);
    expect(view).toEqual(DEFAULT_VIEW);
    expect(parseListView({ page: "1.5" }, catalog).page).toBe(1);
    expect(parseListView({ page: "abc" }, catalog).page).toBe(1);
    expect(parseListView({ page: "99999999999" }, catalog).page).toBe(1);
  });

  test("an unknown, archived or list sort key falls back to the default sort and direction", () => {
    for (const sort of ["nope", "custom.old_note", "custom.interests", "tags", 'email"; DROP TABLE "Customer"; --']) {
      expect(parseListView({ sort, dir: "asc" }, catalog)).toMatchObject({ sort: "createdAt", direction: "desc" });
    }
  });

  test("the fixed name and externalId columns are sortable", () => {
    expect(parseListView({ sort: "name", dir: "asc" }, catalog)).toMatchObject({ sort: "name", direction: "asc" });
    expect(parseListView({ sort: "externalId" }, catalog)).toMatchObject({ sort: "externalId", direction: "desc" });
  });

  test("columns: unknown, archived and repeated keys are dropped, the name is implicit, the order kept", () => {
    const view = parseListView({ cols: "custom.interests,nope,email,custom.old_note,email,name,,externalId" }, catalog);
    expect(view.columns).toEqual(["custom.interests", "email", "externalId"]);
    expect(view.columnsFromUrl).toBe(true);
  });

  test("an empty cols parameter means only the name", () => {
    expect(parseListView({ cols: "" }, catalog)).toMatchObject({ columns: [], columnsFromUrl: true });
  });

  test("a search is cut at 200 characters", () => {
    expect(parseListView({ q: "x".repeat(500) }, catalog).search).toHaveLength(200);
  });
});

describe("listViewSearch (back to a URL)", () => {
  test("the default view is the bare URL", () => {
    expect(listViewSearch(DEFAULT_VIEW as Parameters<typeof listViewSearch>[0])).toBe("");
  });

  test("round-trips every non-default value", () => {
    const segment = { id: "3f2b8c1e-9a4d-4e5f-8a6b-1c2d3e4f5a6b", exclude: true };
    const view = { page: 7, pageSize: 50 as const, sort: "name", direction: "asc" as const, search: "50% off & more", columns: ["custom.interests"], columnsFromUrl: true, segment };
    const search = listViewSearch(view);
    expect(search.startsWith("?")).toBe(true);
    expect(parseListView(new URLSearchParams(search.slice(1)), catalog)).toEqual(view);
  });

  test("columns equal to the defaults are left out unless the URL named them", () => {
    expect(listViewSearch({ ...DEFAULT_VIEW, direction: "desc", pageSize: 25 } as Parameters<typeof listViewSearch>[0])).toBe("");
    expect(listViewSearch({ ...DEFAULT_VIEW, columnsFromUrl: true } as Parameters<typeof listViewSearch>[0])).toContain("cols=");
  });

  test("a non-default direction on the default sort is kept", () => {
    expect(listViewSearch({ ...DEFAULT_VIEW, direction: "asc" } as Parameters<typeof listViewSearch>[0])).toBe("?sort=createdAt&dir=asc");
  });
});

describe("listCustomersInputSchema (code calling listCustomers)", () => {
  test("fills the defaults", () => {
    expect(listCustomersInputSchema.parse({})).toEqual({ page: 1, pageSize: 25, sort: "createdAt", direction: "desc", search: "", columns: [...LIST_DEFAULTS.columns], segment: null });
  });

  test("rejects what the URL parser would have repaired", () => {
    expect(listCustomersInputSchema.safeParse({ pageSize: 30 }).success).toBe(false);
    expect(listCustomersInputSchema.safeParse({ page: 0 }).success).toBe(false);
    expect(listCustomersInputSchema.safeParse({ direction: "up" }).success).toBe(false);
    const long = listCustomersInputSchema.safeParse({ search: "x".repeat(201) });
    expect(long.success ? null : long.error.issues[0].message).toBe("Search for at most 200 characters.");
  });
});

describe("the column chooser's offer", () => {
  test("groups columns in catalog order, external id first, archived fields and the name left out", () => {
    const groups = pickableListColumns(catalog);
    expect(groups.map((g) => g.group)).toEqual(["Profile", "Location", "Company", "Purchases", "Predictions", "Activity", "Custom"]);
    expect(groups[0].columns[0].key).toBe("externalId");
    const keys = groups.flatMap((g) => g.columns.map((c) => c.key));
    expect(keys).toContain("custom.loyalty_points");
    expect(keys).not.toContain("custom.old_note");
    expect(keys).not.toContain("name");
  });

  test("usableColumns keeps catalog keys only", () => {
    expect(usableColumns(catalog, ["age", "x", "custom.loyalty_points"])).toEqual(["age", "custom.loyalty_points"]);
  });
});
