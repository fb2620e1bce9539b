import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertUtf8, openCsv, sniffDelimiter, type CsvRow } from "./csv";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "segmenta-csv-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}

async function readAll(p: string, delimiter: "," | ";" | "\t"): Promise<{ headers: string[]; rows: CsvRow[] }> {
  const reader = await openCsv(p, delimiter);
  const rows: CsvRow[] = [];
  for await (const row of reader.rows) rows.push(row);
  return { headers: reader.headers, rows };
}

describe("sniffDelimiter", () => {
  it("finds comma, semicolon and tab", () => {
    expect(sniffDelimiter(Buffer.from("a,b,c\n1,2,3\n4,5,6\n"))).toBe(",");
    expect(sniffDelimiter(Buffer.from("a;b;c\n1;2,5;3\n4;5;6\n"))).toBe(";");
    expect(sniffDelimiter(Buffer.from("ID\tName\tIncome\n1\tAda\t1,000\n"))).toBe("\t");
  });

  it("is not fooled by delimiters inside quotes or a BOM", () => {
    expect(sniffDelimiter(Buffer.from('name;note\n"Smith, John";"a, b, c"\n"Doe, Jane";x\n'))).toBe(";");
    expect(sniffDelimiter(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("a\tb\n1\t2\n")]))).toBe("\t");
  });

  it("ignores a last line cut off by the sample and falls back to comma", () => {
    expect(sniffDelimiter(Buffer.from("a;b;c\n1;2;3\n4;5"))).toBe(";");
    expect(sniffDelimiter(Buffer.from("email\nada@example.com\n"))).toBe(",");
  });
});

describe("openCsv", () => {
  it("drops the BOM, trims headers and numbers rows as a spreadsheet does (blank rows skipped)", async () => {
    const p = file("bom.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(" email , name\r\na@x.io,Ada\r\n\r\n,\r\nb@x.io,Bob\r\n")]));
    const { headers, rows } = await readAll(p, ",");
    expect(headers).toEqual(["email", "name"]);
    expect(rows).toEqual([
      { rowNumber: 2, cells: ["a@x.io", "Ada"] },
      { rowNumber: 5, cells: ["b@x.io", "Bob"] },
    ]);
  });

  it("reads RFC 4180 quoting: delimiters, doubled quotes and line breaks inside quotes", async () => {
    const p = file("quotes.csv", 'name,note\n"Hopper, Grace","She said ""hi""\nand left"\nplain,"x"\n');
    const { rows } = await readAll(p, ",");
    expect(rows[0].cells).toEqual(["Hopper, Grace", 'She said "hi"\nand left']);
    expect(rows[1]).toEqual({ rowNumber: 3, cells: ["plain", "x"] });
  });

  it("keeps rows with fewer or more cells than the header (the readers judge them)", async () => {
    const { rows } = await readAll(file("ragged.csv", "a;b;c\n1;2\n1;2;3;4\n"), ";");
    expect(rows.map((r) => r.cells.length)).toEqual([2, 4]);
  });

  it("refuses an empty file and reports an unclosed quote", async () => {
    await expect(openCsv(file("empty.csv", ""), ",")).rejects.toThrow(/empty/);
    const reader = await openCsv(file("bad.csv", 'a,b\n"open,1\n'), ",");
    const consume = async () => {
      for await (const row of reader.rows) void row;
    };
    await expect(consume()).rejects.toBeInstanceOf(AppError);
  });
});

describe("assertUtf8", () => {
  it("accepts UTF-8 with and without BOM and refuses Latin-1 with the byte offset", async () => {
    await expect(assertUtf8(file("utf8.csv", "name\nŁukasz Żółć\n"))).resolves.toBeUndefined();
    await expect(assertUtf8(file("bom8.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("a\n")])))).resolves.toBeUndefined();
    const latin1 = Buffer.from("name\nJos\xe9\n", "latin1");
    await expect(assertUtf8(file("latin1.csv", latin1))).rejects.toThrow(/not UTF-8 text/);
  });
});
