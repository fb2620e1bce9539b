/**
 * Reading CSV files: UTF-8 with or without BOM, the delimiter sniffed from the first lines
 * (comma, semicolon or tab), RFC 4180 quoting, streamed record by record.
 */
import fs from "node:fs";
import { parse } from "csv-parse";
import { parse as parseSync } from "csv-parse/sync";
import { AppError } from "@/lib/errors";
import { DELIMITERS, type Delimiter } from "./delimiters";

export { DELIMITERS, DELIMITER_LABELS, type Delimiter } from "./delimiters";


const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** How much of the start of a file the delimiter is guessed from. */
export const SNIFF_BYTES = 64 * 1024;

/** Whether the bytes start with a UTF-8 byte order mark. */
export function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

// The sample may end mid-record or mid-character: keep whole lines only.
function wholeLines(sample: Buffer): string {
  const start = hasBom(sample) ? 3 : 0;
  const end = sample.lastIndexOf(0x0a);
  const body = sample.subarray(start, end > start ? end : sample.length);
  return body.toString("utf8");
}

function fieldCounts(text: string, delimiter: Delimiter): number[] {
  try {
    const records = parseSync(text, { delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: true, to: 50 }) as string[][];
    return records.map((r) => r.length);
  } catch {
    return [];
  }
}

/**
 * Guesses the delimiter from the start of a file: the candidate that splits the header into the
 * most fields and the following lines into the same number. Comma when nothing splits.
 */
export function sniffDelimiter(sample: Buffer): Delimiter {
  const text = wholeLines(sample);
  let best: { delimiter: Delimiter; score: number } = { delimiter: ",", score: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = fieldCounts(text, delimiter);
    if (counts.length === 0 || counts[0] < 2) continue;
    const consistent = counts.filter((n) => n === counts[0]).length / counts.length;
    const score = consistent * 1000 + counts[0];
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

/** Reads the first bytes of a file. */
export async function readStart(filePath: string, bytes = SNIFF_BYTES): Promise<Buffer> {
  const handle = await fs.promises.open(filePath, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** One data record: its row number as a spreadsheet shows it (the header is row 1) and its cells. */
export interface CsvRow {
  rowNumber: number;
  cells: string[];
}

/** A file's header and its data records, streamed. */
export interface CsvReader {
  headers: string[];
  rows: AsyncIterable<CsvRow>;
  /** Stops reading (needed only when rows are not iterated to the end). */
  close(): void;
}

function parseError(e: unknown): AppError {
  if ((e as NodeJS.ErrnoException | null)?.code === "ENOENT") return new AppError("invalid", "The file is gone; upload it again.");
  const detail = e instanceof Error ? e.message.replace(/^Invalid Record Length: /, "") : String(e);
  return new AppError("invalid", `The file could not be read as CSV: ${detail}`);
}

/**
 * Streams a CSV file: the header row, then each data record with its row number. Rows whose cells
 * are all empty are skipped (they are blank lines, not customers). Quoting errors throw an AppError.
 */
export async function openCsv(filePath: string, delimiter: Delimiter): Promise<CsvReader> {
  const source = fs.createReadStream(filePath);
  const parser = source.pipe(parse({ delimiter, bom: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: false }));
  // pipe() does not forward read errors (a missing file): end the parser with them.
  source.on("error", (e) => parser.destroy(e));
  const iterator: AsyncIterator<string[]> = parser[Symbol.asyncIterator]();
  const stop = () => {
    source.destroy();
    parser.destroy();
  };
  let first: IteratorResult<string[]>;
  try {
    first = await iterator.next();
  } catch (e) {
    stop();
    throw parseError(e);
  }
  if (first.done || first.value.every((h) => h.trim() === "")) {
    stop();
    throw new AppError("invalid", "The file is empty: the first row must name the columns.");
  }
  const headers = first.value.map((h) => h.trim());
  async function* rows(): AsyncGenerator<CsvRow> {
    let rowNumber = 1;
    try {
      while (true) {
        const next = await iterator.next();
        if (next.done) return;
        rowNumber += 1;
        if (next.value.every((cell) => cell.trim() === "")) continue;
        yield { rowNumber, cells: next.value };
      }
    } catch (e) {
      throw parseError(e);
    } finally {
      stop();
    }
  }
  return { headers, rows: rows(), close: stop };
}

/**
 * Checks that a file is UTF-8 (a BOM is fine); throws an AppError naming the byte where it is not.
 * Spreadsheet programs often save "CSV" in a legacy encoding; importing that would garble names.
 */
export async function assertUtf8(filePath: string): Promise<void> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let offset = 0;
  for await (const chunk of fs.createReadStream(filePath) as AsyncIterable<Buffer>) {
    try {
      decoder.decode(chunk, { stream: true });
    } catch {
      throw notUtf8(offset);
    }
    offset += chunk.length;
  }
  try {
    decoder.decode();
  } catch {
    throw notUtf8(offset);
  }
}

/** The error for a file that is not UTF-8 (near byte offset). */
export function notUtf8(offset: number): AppError {
  return new AppError("invalid", `The file is not UTF-8 text (the problem is near byte ${offset.toLocaleString("en-US")}). Save it as "CSV UTF-8" and upload it again.`);
}
