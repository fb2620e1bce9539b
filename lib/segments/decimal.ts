/**
 * Exact decimal arithmetic for comparisons the database makes on NUMERIC values: money
 * (NUMERIC(14,2), read back as strings) and JSON numbers. Floats never decide a comparison.
 */

/** A decimal as written: a string such as "19.90" or a JS number. */
export type DecimalInput = string | number;

interface Scaled {
  units: bigint;
  scale: number;
}

const DECIMAL_RE = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function scaled(input: DecimalInput): Scaled {
  const text = typeof input === "number" ? String(input) : input.trim();
  const m = DECIMAL_RE.exec(text);
  if (!m) throw new RangeError(`not a decimal number: ${JSON.stringify(input)}`);
  const fraction = m[3] ?? "";
  const exponent = Number(m[4] ?? 0);
  let units = BigInt(m[2] + fraction);
  let scale = fraction.length - exponent;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { units: m[1] === "-" ? -units : units, scale };
}

function align(a: Scaled, b: Scaled): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

function toText({ units, scale }: Scaled): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : "";
  return `${negative ? "-" : ""}${whole}${fraction}`;
}

/** Whether input is a finite decimal this module can read. */
export function isDecimal(input: unknown): input is DecimalInput {
  return (typeof input === "number" && Number.isFinite(input)) || (typeof input === "string" && DECIMAL_RE.test(input.trim()));
}

/** -1, 0 or 1 as a is less than, equal to or greater than b, exactly. */
export function compareDecimal(a: DecimalInput, b: DecimalInput): number {
  const [x, y] = align(scaled(a), scaled(b));
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The exact sum of decimals, as a decimal string ("0" for none). */
export function sumDecimals(values: readonly DecimalInput[]): string {
  let total: Scaled = { units: 0n, scale: 0 };
  for (const v of values) {
    const [x, y, scale] = align(total, scaled(v));
    total = { units: x + y, scale };
  }
  return toText(total);
}

/** a × b exactly, as a decimal string. */
export function multiplyDecimal(a: DecimalInput, b: DecimalInput): string {
  const x = scaled(a);
  const y = scaled(b);
  return toText({ units: x.units * y.units, scale: x.scale + y.scale });
}

/** a ÷ n rounded half away from zero to `digits` decimals, for display. */
export function divideDecimal(a: DecimalInput, n: number, digits = 2): string {
  const x = scaled(a);
  const numerator = x.units * 10n ** BigInt(digits);
  const denominator = BigInt(n) * 10n ** BigInt(x.scale);
  const negative = numerator < 0n !== denominator < 0n;
  const [num, den] = [numerator < 0n ? -numerator : numerator, denominator < 0n ? -denominator : denominator];
  const q = (2n * num + den) / (2n * den);
  return toText({ units: negative ? -q : q, scale: digits });
}

/** The decimal in plain notation (no exponent), as PostgreSQL's numeric input and output use it. */
export function normalizeDecimal(input: DecimalInput): string {
  return toText(scaled(input));
}
