/**
 * Numbers as people type them: thousands separators and the decimal mark of a locale
 * ("54,700" and "1,234.50" in English, "54.700" and "1.234,50" in German, "54 700" in both).
 * A value whose meaning depends on the decimal mark ("1,500", "1.234") is read by the mark the
 * caller states, and only by it: nothing here guesses, and no message ever proposes a rewrite that
 * would change what was typed. Pure (no database, safe in the browser).
 */

/** The character that marks decimals: "." (1,234.5, English) or "," (1.234,5, German, Polish, French…). */
export type DecimalMark = "." | ",";

/** A number read from text: its value and its canonical spelling ("-1234.5", no group separators). */
export interface ReadNumber {
  value: number;
  canonical: string;
}

// Spaces of every width and apostrophes group digits in every locale ("54 700", "1'234.50" in Swiss German).
const SPACES = " \u00a0\u202f\u2009'\u2019";
const MINUS = /^[-\u2212]/;

function escape(chars: string): string {
  return chars.replace(/[\\\]^-]/g, "\\$&");
}

const patterns = new Map<DecimalMark, RegExp>();

// sign, integer part (plain digits, or groups of three after a first group of 1–3), optional decimals.
function pattern(decimal: DecimalMark): RegExp {
  let re = patterns.get(decimal);
  if (!re) {
    const group = `[${escape(SPACES + (decimal === "." ? "," : "."))}]`;
    const d = escape(decimal);
    re = new RegExp(`^([+\\-\u2212]?)(\\d+|\\d{1,3}(?:${group}\\d{3})+)?(?:[${d}](\\d+))?$`);
    patterns.set(decimal, re);
  }
  return re;
}

/** Reads text with the given decimal mark, or null when it is not a number written that way. */
export function readNumber(text: string, decimal: DecimalMark): ReadNumber | null {
  const match = pattern(decimal).exec(text.trim());
  if (!match || (match[2] === undefined && match[3] === undefined)) return null;
  const digits = (match[2] ?? "0").replace(/\D/g, "");
  const negative = MINUS.test(match[1]);
  const canonical = `${negative ? "-" : ""}${digits}${match[3] !== undefined ? `.${match[3]}` : ""}`;
  const value = Number(canonical);
  return Number.isFinite(value) ? { value: Object.is(value, -0) ? 0 : value, canonical } : null;
}

/** The other decimal mark. */
export function otherMark(decimal: DecimalMark): DecimalMark {
  return decimal === "." ? "," : ".";
}

/**
 * Whether text means different numbers depending on the decimal mark ("1,500" is 1500 or 1.5,
 * "1.234" is 1.234 or 1234). "54 700", "1,234.50" and "12,5" are not: they read one way only.
 */
export function dependsOnMark(text: string): boolean {
  const point = readNumber(text, ".");
  const comma = readNumber(text, ",");
  return point !== null && comma !== null && point.value !== comma.value;
}

/** The decimal mark of a locale (BCP 47 tag); English (".") when the tag is unknown or missing. */
export function decimalMarkOf(locale: string | undefined): DecimalMark {
  if (!locale) return ".";
  try {
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal");
    return part?.value === "," ? "," : ".";
  } catch {
    return ".";
  }
}

/** How a decimal mark's numbers look, for messages and pickers: "1,234.56" or "1.234,56". */
export const MARK_EXAMPLES: Readonly<Record<DecimalMark, string>> = { ".": "1,234.56", ",": "1.234,56" };

/** The name of a locale's language in English ("German"), for messages; null when unknown. */
export function languageName(locale: string | undefined): string | null {
  if (!locale) return null;
  try {
    const language = new Intl.Locale(locale).language;
    return new Intl.DisplayNames(["en"], { type: "language" }).of(language) ?? null;
  } catch {
    return null;
  }
}

function quote(text: string): string {
  return text.length > 40 ? `"${text.slice(0, 37)}…"` : `"${text}"`;
}

/**
 * Why text is not a number with this decimal mark, in words that explain the format without
 * rewriting the value: `"1,5" is not a number in English format, where "," separates thousands
 * (1,234.56) and "." marks decimals.`
 */
export function notANumberMessage(text: string, decimal: DecimalMark, formatName: string): string {
  const other = otherMark(decimal);
  const format = `${formatName} (${MARK_EXAMPLES[decimal]})`;
  if (readNumber(text, other) !== null) {
    return `${quote(text)} is not a number in ${format}: there "${other}" separates thousands and "${decimal}" marks decimals.`;
  }
  return `${quote(text)} is not a number. Use digits, with "${decimal}" for decimals, e.g. ${MARK_EXAMPLES[decimal]}.`;
}

/** A number in a locale's own format, for showing a parsed value back ("Saved as 54,700.00"). */
export function formatNumber(value: number, locale: string | undefined, options: { money?: boolean } = {}): string {
  const format = options.money ? { minimumFractionDigits: 2, maximumFractionDigits: 2 } : { maximumFractionDigits: 10 };
  try {
    return new Intl.NumberFormat(locale || "en", format).format(value);
  } catch {
    return new Intl.NumberFormat("en", format).format(value);
  }
}
