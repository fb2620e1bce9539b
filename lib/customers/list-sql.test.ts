import { describe, expect, test } from "vitest";
import { AppError } from "@/lib/errors";
import { buildCatalog } from "@/lib/fields/catalog";
import { countSql, exportSql, orderBySql, pageSql, resolveListQuery, searchTerms, NOT_NULL_SORT_COLUMNS } from "./list-sql";

const WS = "11111111-1111-4111-8111-111111111111";
// A custom field key that would break out of any SQL it were spliced into.
const EVIL_KEY = `x"'); DROP TABLE "Customer"; --`;
const catalog = buildCatalog([
  { key: "loyalty_points", label: "Loyalty points", type: "number" },
  { key: "interests", label: "Interests", type: "multiselect", options: [{ key: "music", label: "Music" }] },
  { key: EVIL_KEY, label: "Evil", type: "text" },
]);

const resolve = (view: Partial<{ sort: string; direction: "asc" | "desc"; search: string; columns: string[] }> = {}) =>
  resolveListQuery(catalog, { sort: "createdAt", direction: "desc", search: "", columns: ["name", "email"], ...view }, { workspaceId: WS, today: "2026-11-25" });

const order = (view: Parameters<typeof resolve>[0], direction: "asc" | "desc" = view?.direction ?? "desc") => orderBySql(resolve(view), direction).text.replace(/\s+/g, " ");

describe("searchTerms", () => {
  test("words of three characters or more match anywhere, shorter ones where a word starts", () => {
    expect(searchTerms("  Ada   lo  ")).toEqual([
      { kind: "contains", pattern: "%Ada%" },
      { kind: "wordStart", pattern: "(^| )lo" },
    ]);
  });

  test("LIKE wildcards and the escape character match only themselves", () => {
    expect(searchTerms("100%_off a\\b")).toEqual([
      { kind: "contains", pattern: "%100\\%\\_off%" },
      { kind: "contains", pattern: "%a\\\\b%" },
    ]);
  });

  test("short words escape regular expression syntax; non-ASCII characters go in brackets", () => {
    expect(searchTerms(". (* Ż")).toEqual([
      { kind: "wordStart", pattern: "(^| )\\." },
      { kind: "wordStart", pattern: "(^| )\\(\\*" },
      { kind: "wordStart", pattern: "(^| )[Ż]" },
    ]);
  });

  test("repeated words count once, at most eight words, an empty search has none", () => {
    expect(searchTerms("ann ann ann")).toHaveLength(1);
    expect(searchTerms("a b c d e f g h i j")).toHaveLength(8);
    expect(searchTerms("   ")).toEqual([]);
  });
});

describe("resolveListQuery", () => {
  test("an unknown column or sort key is a clear error", () => {
    const err = (() => {
      try {
        resolve({ columns: ["name", "nope"] });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("invalid");
    expect((err as AppError).message).toBe(`There is no column "nope" in this workspace's customer table.`);
    expect(() => resolve({ sort: 'email" DESC; --' })).toThrow(/There is no column/);
  });

  test("a list cannot be sorted by", () => {
    expect(() => resolve({ sort: "custom.interests" })).toThrow("Interests is a list and cannot be sorted by.");
    expect(() => resolve({ sort: "tags" })).toThrow("Tags is a list and cannot be sorted by.");
  });
});

describe("ORDER BY", () => {
  test("empty values are lowest: NULLS FIRST ascending, NULLS LAST descending, ties by id in the same direction", () => {
    expect(order({ sort: "lastOrderAt", direction: "asc" })).toBe('c."lastOrderAt" ASC NULLS FIRST, c."id" ASC');
    expect(order({ sort: "lastOrderAt", direction: "desc" })).toBe('c."lastOrderAt" DESC NULLS LAST, c."id" DESC');
  });

  test("NOT NULL columns leave the NULLS clause out (so a plain index walks backwards)", () => {
    expect(order({ sort: "createdAt" })).toBe('c."createdAt" DESC, c."id" DESC');
    expect(order({ sort: "totalSpent", direction: "asc" })).toBe('c."totalSpent" ASC, c."id" ASC');
    expect([...NOT_NULL_SORT_COLUMNS].sort()).toEqual(["createdAt", "ordersCount", "tags", "totalSpent"]);
  });

  test("the name sorts by last name, then first name", () => {
    expect(order({ sort: "name", direction: "asc" })).toBe('c."lastName" ASC NULLS FIRST, c."firstName" ASC NULLS FIRST, c."id" ASC');
  });

  test("age sorts by the birth date reversed, the id following the birth date", () => {
    expect(order({ sort: "age", direction: "asc" })).toBe('c."birthDate" DESC NULLS FIRST, c."id" DESC');
    expect(order({ sort: "age", direction: "desc" })).toBe('c."birthDate" ASC NULLS LAST, c."id" ASC');
  });

  test("reversing the direction reverses every key", () => {
    const q = resolve({ sort: "name", direction: "asc" });
    expect(orderBySql(q, "desc").text.replace(/\s+/g, " ")).toBe('c."lastName" DESC NULLS LAST, c."firstName" DESC NULLS LAST, c."id" DESC');
  });

  test("a custom field sorts by its typed value, its key a parameter", () => {
    const sql = orderBySql(resolve({ sort: "custom.loyalty_points" }), "desc");
    expect(sql.text).toContain("::numeric");
    expect(sql.text).not.toContain("loyalty_points");
    expect(sql.values).toContain("loyalty_points");
  });
});

describe("the queries", () => {
  test("identifiers come from the catalog only: a hostile custom key and search travel as parameters", () => {
    const q = resolve({ sort: `custom.${EVIL_KEY}`, columns: ["name", `custom.${EVIL_KEY}`], search: `'; DROP TABLE x; -- %` });
    for (const sql of [pageSql(q, { limit: 26, offset: 0 }), exportSql(q)]) {
      expect(sql.text).not.toContain("DROP");
      expect(sql.values).toContain(EVIL_KEY);
      expect(sql.values).toContain("%TABLE%");
    }
    for (const sql of [countSql(q), countSql(q, 100)]) {
      expect(sql.text).not.toContain("DROP");
      expect(sql.values).toContain(WS);
    }
  });

  test("every query is scoped to the workspace", () => {
    const q = resolve({ search: "ada" });
    expect(pageSql(q, { limit: 26, offset: 0 }).text.match(/c\."workspaceId" = \$\d+::uuid/g)).toHaveLength(2);
    expect(countSql(q).text).toMatch(/c\."workspaceId" = \$1::uuid/);
    expect(exportSql(q).text).toMatch(/c\."workspaceId" = \$1::uuid/);
  });

  test("a page reads ids over the sort key first, then the columns of those rows; reverse flips the order", () => {
    const q = resolve({ sort: "lastOrderAt", direction: "asc" });
    const forward = pageSql(q, { limit: 26, offset: 50 });
    expect(forward.text).toContain('JOIN (SELECT c."id" FROM "Customer" c WHERE');
    expect(forward.values).toEqual(expect.arrayContaining([26, 50]));
    expect(pageSql(q, { limit: 25, offset: 0, reverse: true }).text).toContain('c."lastOrderAt" DESC NULLS LAST, c."id" DESC');
  });

  test("the count is capped only when asked", () => {
    const q = resolve({ search: "ada" });
    expect(countSql(q).text).not.toContain("LIMIT");
    expect(countSql(q, 10).values).toContain(11);
  });
});
