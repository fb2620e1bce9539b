import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";
import { csvField, csvRecord, csvValue, exportColumnKeys, exportFilename, neutralizeFormula } from "./export-csv";

describe("RFC 4180 fields and records", () => {
  test("plain text stays bare; commas, quotes, line breaks and edge spaces are quoted", () => {
    expect(csvField("Ada")).toBe("Ada");
    expect(csvField("Lovelace, Ada")).toBe('"Lovelace, Ada"');
    expect(csvField('The "Countess"')).toBe('"The ""Countess"""');
    expect(csvField("line\nbreak")).toBe('"line\nbreak"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField(" padded ")).toBe('" padded "');
    expect(csvField("")).toBe("");
  });

  test("a record ends with CRLF and parses back to its fields", () => {
    const fields = ["1", 'a "b", c', "multi\r\nline", "", "ü ñ 漢字"];
    const record = csvRecord(fields);
    expect(record.endsWith("\r\n")).toBe(true);
    expect(parse(record, { relax_column_count: false })).toEqual([fields]);
  });
});

describe("formula neutralizing", () => {
  test("text a spreadsheet would run gets a leading apostrophe", () => {
    for (const text of ["=HYPERLINK(\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx"]) expect(neutralizeFormula(text)).toBe(`'${text}`);
  });

  test("numbers and phone numbers stay as they are", () => {
    for (const text of ["+48 600 100 200", "-12.5", "+1 (555) 010-0199", "Ada", "a=b"]) expect(neutralizeFormula(text)).toBe(text);
  });
});

describe("csvValue", () => {
  test("values as the import reads them", () => {
    expect(csvValue("text", null)).toBe("");
    expect(csvValue("boolean", true)).toBe("true");
    expect(csvValue("boolean", false)).toBe("false");
    expect(csvValue("multiselect", ["music", "travel"])).toBe("music;travel");
    expect(csvValue("tags", ["vip"])).toBe("vip");
    expect(csvValue("money", "-12.50")).toBe("-12.50");
    expect(csvValue("number", "-3")).toBe("-3");
    expect(csvValue("date", "1990-12-10")).toBe("1990-12-10");
    expect(csvValue("datetime", "2026-06-04T10:25:19.742Z")).toBe("2026-06-04T10:25:19.742Z");
    expect(csvValue("select", "gold")).toBe("gold");
    expect(csvValue("text", "=1+1")).toBe("'=1+1");
  });
});

describe("export columns and file name", () => {
  test("identity columns first, the name split, no duplicates", () => {
    expect(exportColumnKeys(["name", "email", "custom.interests", "totalSpent"])).toEqual(["externalId", "email", "firstName", "lastName", "custom.interests", "totalSpent"]);
    expect(exportColumnKeys([])).toEqual(["externalId", "email"]);
  });

  test("the file is named after the workspace and today in its time zone", () => {
    const now = new Date("2026-11-25T23:30:00Z");
    expect(exportFilename("acme", "UTC", now)).toBe("customers-acme-2026-11-25.csv");
    expect(exportFilename("acme", "Europe/Warsaw", now)).toBe("customers-acme-2026-11-26.csv");
  });
});
