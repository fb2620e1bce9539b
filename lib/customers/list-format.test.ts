import { describe, expect, test } from "vitest";
import type { ListColumn } from "./list-columns";
import { formatListRows, formatListValue } from "./list-format";

const column = (key: string, type: ListColumn["type"], extra: Partial<ListColumn> = {}): ListColumn => ({ key, label: key, group: "Profile", type, sortable: true, align: "start", ...extra });

describe("formatListValue", () => {
  test("times are shown in the workspace's time zone, with the instant for <time>", () => {
    const value = formatListValue(column("lastOrderAt", "datetime"), "2026-11-25T23:30:00.000Z", "Europe/Warsaw");
    expect(value).toMatchObject({ text: "Nov 26, 2026", dateTime: "2026-11-25T23:30:00.000Z" });
    expect(value?.title).toContain("November 26, 2026");
    expect(formatListValue(column("lastOrderAt", "datetime"), "2026-11-25T23:30:00.000Z", "America/New_York")?.text).toBe("Nov 25, 2026");
  });

  test("dates are calendar dates, whatever the zone", () => {
    expect(formatListValue(column("birthDate", "date"), "1990-12-10", "Pacific/Kiritimati")).toEqual({ text: "Dec 10, 1990", dateTime: "1990-12-10" });
  });

  test("money, numbers, booleans, options and lists", () => {
    expect(formatListValue(column("totalSpent", "money"), "1234.5", "UTC")?.text).toBe("$1,234.50");
    expect(formatListValue(column("companySize", "number"), "12000", "UTC")?.text).toBe("12,000");
    expect(formatListValue(column("custom.score", "number"), "2.125", "UTC")?.text).toBe("2.125");
    expect(formatListValue(column("emailOptIn", "boolean"), false, "UTC")?.text).toBe("No");
    expect(formatListValue(column("emailOptIn", "boolean"), true, "UTC")?.text).toBe("Yes");
    expect(formatListValue(column("emailOptIn", "boolean"), null, "UTC")?.text).toBe("Never asked");
    expect(formatListValue(column("custom.vip", "boolean"), null, "UTC")).toBeNull();
    const tier = column("custom.tier", "select", { options: [{ key: "gold", label: "Gold tier" }] });
    expect(formatListValue(tier, "gold", "UTC")?.text).toBe("Gold tier");
    expect(formatListValue(tier, "gone", "UTC")?.text).toBe("gone");
    const interests = column("custom.interests", "multiselect", { options: [{ key: "music", label: "Music" }] });
    expect(formatListValue(interests, ["music", "x"], "UTC")).toEqual({ text: "Music, x", items: ["Music", "x"] });
    expect(formatListValue(column("tags", "tags"), ["vip"], "UTC")).toEqual({ text: "vip", items: ["vip"] });
    expect(formatListValue(column("email", "text"), null, "UTC")).toBeNull();
  });
});

test("formatListRows formats every shown column of every row", () => {
  const columns = [column("name", "text"), column("totalSpent", "money")];
  const rows = formatListRows({ columns, rows: [{ id: "a", values: { name: "Ada Lovelace", totalSpent: "0.00" } }] }, "UTC");
  expect(rows).toEqual([{ id: "a", cells: { name: { text: "Ada Lovelace" }, totalSpent: { text: "$0.00" } } }]);
});
