/**
 * Number cells of imported files. Each number or money column is read in one format: "." (English,
 * 1,234.56 — the default, as the workspace has no other), "," (1.234,56 — German, Polish, French…)
 * or "ask", chosen at the mapping step. Under "ask" a cell that reads the same either way
 * ("54 700", "12,5", "1,234.50") is taken, and a cell whose value depends on the decimal mark
 * ("1,500": 1500 or 1.5?) becomes a question for the person importing — never a guess. The mapping
 * step starts a column at "ask" when its values show a decimal comma, or use both marks the
 * ambiguous way. Cells are rewritten to plain numbers ("54700") before the catalog parser sees
 * them, as dates are rewritten to ISO. Pure.
 */
import { dependsOnMark, MARK_EXAMPLES, readNumber, type DecimalMark } from "@/lib/customers/numbers";

/** How a column writes numbers. */
export const NUMBER_FORMATS = [".", ",", "ask"] as const;
export type NumberFormat = (typeof NUMBER_FORMATS)[number];

/** The format of a column nobody chose: English. */
export const DEFAULT_NUMBER_FORMAT: NumberFormat = ".";

/** Picker labels. */
export const NUMBER_FORMAT_LABELS: Readonly<Record<NumberFormat, string>> = {
  ".": `${MARK_EXAMPLES["."]} (English)`,
  ",": `${MARK_EXAMPLES[","]} (German, Polish…)`,
  ask: "Not sure: ask when unclear",
};

/** What a column's values say about its decimal mark. */
export interface NumberDetection {
  /** The format the mapping step starts with. */
  format: NumberFormat;
  /** Values that read one way only with a decimal point / comma, and values that read both ways. */
  point: number;
  comma: number;
  unclear: number;
}

// A value read both ways, by the separator it uses ("1,500" → ",").
function unclearMark(text: string): DecimalMark {
  return text.includes(",") ? "," : ".";
}

/** Looks at a column's sample values (see NumberDetection); null when none of them is a number. */
export function detectNumberFormat(values: readonly string[]): NumberDetection | null {
  let point = 0;
  let comma = 0;
  let numbers = 0;
  const unclear = new Set<DecimalMark>();
  let unclearCount = 0;
  for (const value of values) {
    const p = readNumber(value, ".");
    const c = readNumber(value, ",");
    if (p || c) numbers += 1;
    if (p && c) {
      if (p.value !== c.value) {
        unclearCount += 1;
        unclear.add(unclearMark(value));
      }
    } else if (p) point += 1;
    else if (c) comma += 1;
  }
  if (numbers === 0) return null;
  // "1,500" beside "1.234" cannot both be English; "12,5" says the column is not English at all.
  const ask = comma > 0 || unclear.size > 1;
  return { format: ask ? "ask" : DEFAULT_NUMBER_FORMAT, point, comma, unclear: unclearCount };
}

/** A number cell as plain text for the catalog parser ("54,700" → "54700"), or why it cannot be read. */
export function numberCellText(text: string, format: NumberFormat): { ok: true; text: string } | { ok: false; reason: string } {
  if (format === "ask") {
    if (dependsOnMark(text)) {
      const asPoint = readNumber(text, ".")!.value;
      const asComma = readNumber(text, ",")!.value;
      const [first, second] = unclearMark(text) === "," ? [asPoint, asComma] : [asComma, asPoint];
      return { ok: false, reason: `Is "${text}" ${first.toLocaleString("en-US", { maximumFractionDigits: 10 })} or ${second.toLocaleString("en-US", { maximumFractionDigits: 10 })}? Choose how this column writes numbers: ${MARK_EXAMPLES["."]} or ${MARK_EXAMPLES[","]}.` };
    }
    const read = readNumber(text, ".") ?? readNumber(text, ",");
    return read ? { ok: true, text: read.canonical } : { ok: false, reason: `"${text}" is not a number.` };
  }
  const read = readNumber(text, format);
  if (read) return { ok: true, text: read.canonical };
  const other = format === "." ? "," : ".";
  if (readNumber(text, other)) {
    return { ok: false, reason: `"${text}" is not a number in this column's format, ${MARK_EXAMPLES[format]}, where "${other}" separates thousands. If the column uses "${other}" for decimals, choose ${MARK_EXAMPLES[other]} for it.` };
  }
  return { ok: false, reason: `"${text}" is not a number.` };
}
