/**
 * Date cells of imported files: the formats we read, detection of a column's format from its
 * values, and conversion to the ISO forms the field parsers take ("YYYY-MM-DD", or
 * "YYYY-MM-DDTHH:mm:ss.sss" with the zone when the cell had one). Pure.
 */
import { zonedTimeToInstant } from "@/lib/customers/zoned-time";
import { daysInMonth } from "@/lib/segments/time";

/** The date formats an import understands; each accepts an optional time ("14:30", "2:30 PM", "14:30:15.250"). */
export const DATE_FORMATS = ["YYYY-MM-DD", "YYYY/MM/DD", "DD-MM-YYYY", "DD/MM/YYYY", "DD.MM.YYYY", "MM/DD/YYYY", "MM-DD-YYYY"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** How each format reads: the order of the parts and the separator. */
const SHAPES: Record<DateFormat, { order: "ymd" | "dmy" | "mdy"; sep: string }> = {
  "YYYY-MM-DD": { order: "ymd", sep: "-" },
  "YYYY/MM/DD": { order: "ymd", sep: "/" },
  "DD-MM-YYYY": { order: "dmy", sep: "-" },
  "DD/MM/YYYY": { order: "dmy", sep: "/" },
  "DD.MM.YYYY": { order: "dmy", sep: "." },
  "MM/DD/YYYY": { order: "mdy", sep: "/" },
  "MM-DD-YYYY": { order: "mdy", sep: "-" },
};

/** Human descriptions for pickers: the format and 31 January 2024 written in it. */
export const DATE_FORMAT_EXAMPLES: Readonly<Record<DateFormat, string>> = {
  "YYYY-MM-DD": "2024-01-31, ISO 8601",
  "YYYY/MM/DD": "2024/01/31",
  "DD-MM-YYYY": "31-01-2024",
  "DD/MM/YYYY": "31/01/2024",
  "DD.MM.YYYY": "31.01.2024",
  "MM/DD/YYYY": "01/31/2024",
  "MM-DD-YYYY": "01-31-2024",
};

/** A date cell read with a format: the calendar date, the wall-clock time if any, the zone if given. */
export interface ParsedDateCell {
  date: string;
  time?: string;
  /** "Z" or "+02:00"; absent means the workspace's time zone applies. */
  zone?: string;
}

const TIME = String.raw`(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp][Mm])?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?`;
const patterns = new Map<DateFormat, RegExp>();

function pattern(format: DateFormat): RegExp {
  let re = patterns.get(format);
  if (!re) {
    const { order, sep } = SHAPES[format];
    const s = `\\${sep}`;
    const day = String.raw`(\d{1,2})`;
    const year = String.raw`(\d{4})`;
    const body = order === "ymd" ? `${year}${s}${day}${s}${day}` : `${day}${s}${day}${s}${year}`;
    re = new RegExp(`^${body}${TIME}$`);
    patterns.set(format, re);
  }
  return re;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function normalizeZone(zone: string): string {
  if (zone === "Z") return "Z";
  const digits = zone.slice(1).replace(":", "");
  const hh = digits.slice(0, 2);
  const mm = digits.slice(2, 4) || "00";
  return `${zone[0]}${hh}:${mm}`;
}

function readTime(m: RegExpExecArray): { time?: string; zone?: string } | null {
  if (m[4] === undefined) return {};
  let hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const fraction = m[7] === undefined ? "000" : m[7].slice(0, 3).padEnd(3, "0");
  const meridiem = m[8]?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === "pm" ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  const time = `${pad(hour)}:${pad(minute)}:${pad(second)}.${fraction}`;
  return m[9] === undefined ? { time } : { time, zone: normalizeZone(m[9]) };
}

/** Reads a (trimmed, non-empty) cell in the given format; null when it is not a real date in that format. */
export function parseDateCell(raw: string, format: DateFormat): ParsedDateCell | null {
  const m = pattern(format).exec(raw.trim());
  if (!m) return null;
  const { order } = SHAPES[format];
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [year, month, day] = order === "ymd" ? [a, b, c] : order === "dmy" ? [c, b, a] : [c, a, b];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  const time = readTime(m);
  if (!time) return null;
  return { date: `${pad(year, 4)}-${pad(month)}-${pad(day)}`, ...time };
}

/** The ISO text of a parsed cell: "YYYY-MM-DD", or with the time and (when given) the zone. */
export function dateCellIso(cell: ParsedDateCell): string {
  return cell.time ? `${cell.date}T${cell.time}${cell.zone ?? ""}` : cell.date;
}

/** What detection found for one column. */
export interface DateDetection {
  format: DateFormat;
  /** More than one format reads every value (e.g. 03/04/2024): the user should confirm. */
  ambiguous: boolean;
  /** Every format that reads as many values as the chosen one. */
  candidates: DateFormat[];
  /** How many of the sampled values the format reads. */
  matched: number;
  sampled: number;
}

// When formats tie, the usual reading of each separator wins: "/" is month-first (US), "-" and "." day-first.
const PREFERENCE: readonly DateFormat[] = ["YYYY-MM-DD", "YYYY/MM/DD", "DD.MM.YYYY", "DD-MM-YYYY", "MM/DD/YYYY", "DD/MM/YYYY", "MM-DD-YYYY"];

/**
 * Detects the date format of a column from sample values (empty ones ignored): the format that
 * reads the most values, provided it reads at least 80 % of them; null when none does.
 */
export function detectDateFormat(values: readonly string[]): DateDetection | null {
  const sample = values.map((v) => v.trim()).filter((v) => v !== "");
  if (sample.length === 0) return null;
  const counts = PREFERENCE.map((format) => ({ format, matched: sample.reduce((n, v) => n + (parseDateCell(v, format) ? 1 : 0), 0) }));
  const best = Math.max(...counts.map((c) => c.matched));
  if (best === 0 || best < sample.length * 0.8) return null;
  const candidates = counts.filter((c) => c.matched === best).map((c) => c.format);
  return { format: candidates[0], ambiguous: candidates.length > 1, candidates, matched: best, sampled: sample.length };
}

const dayStarts = new Map<string, { start: number; length: number }>();

function nextDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d + 1);
  return t.toISOString().slice(0, 10);
}

// The first instant of a local date and the day's length, memoized: imports meet the same dates again and again.
function dayStart(date: string, timeZone: string): { start: number; length: number } {
  const key = `${timeZone} ${date}`;
  let day = dayStarts.get(key);
  if (!day) {
    const start = zonedTimeToInstant(date, 0, timeZone);
    day = { start, length: zonedTimeToInstant(nextDate(date), 0, timeZone) - start };
    if (dayStarts.size > 50_000) dayStarts.clear();
    dayStarts.set(key, day);
  }
  return day;
}

/**
 * The instant of a wall-clock time in an IANA zone (zonedTimeToInstant's rules for skipped and
 * repeated times): on a day without a clock change it is the day's start plus the time.
 */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): Date {
  const [hh, mm, rest] = time.split(":");
  const [ss, ms] = rest.split(".");
  const msOfDay = ((Number(hh) * 60 + Number(mm)) * 60 + Number(ss)) * 1000 + Number(ms);
  const day = dayStart(date, timeZone);
  if (day.length === 86_400_000) return new Date(day.start + msOfDay);
  return new Date(zonedTimeToInstant(date, msOfDay, timeZone));
}

/** The instant a parsed date cell denotes, reading it in timeZone when it carries no zone. */
export function dateCellInstant(cell: ParsedDateCell, timeZone: string): Date {
  if (cell.zone) return new Date(`${cell.date}T${cell.time}${cell.zone}`);
  return zonedTimeToUtc(cell.date, cell.time ?? "00:00:00.000", timeZone);
}
