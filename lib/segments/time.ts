/**
 * Calendar math shared by the SQL compiler and the evaluator: local dates, day boundaries
 * in a workspace's IANA time zone, calendar-month arithmetic, ages and anniversaries.
 * Pure; day arithmetic is integer math on day numbers (no Date pitfalls around years < 100).
 */

/** A calendar date "YYYY-MM-DD" without time or zone. */
export type LocalDate = string;

/** Units of relative windows and relative date operators. */
export type CalendarUnit = "day" | "week" | "month";

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether y is a Gregorian leap year. */
export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Days in month m (1–12) of year y. */
export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

/** Whether s is a real calendar date "YYYY-MM-DD" with a year from 1 to 9999. */
export function isLocalDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

function parts(date: LocalDate): [number, number, number] {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date: ${JSON.stringify(date)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(y: number, m: number, d: number): LocalDate {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

// Howard Hinnant's days_from_civil / civil_from_days: day 0 is 1970-01-01.
function toDayNumber(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

function fromDayNumber(n: number): LocalDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return format(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

/** date plus n days (n may be negative). */
export function addDays(date: LocalDate, n: number): LocalDate {
  const [y, m, d] = parts(date);
  return fromDayNumber(toDayNumber(y, m, d) + n);
}

/** date plus n calendar months; a day that does not exist becomes the last day of that month. */
export function addMonths(date: LocalDate, n: number): LocalDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + n;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return format(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** date plus n years; 29 February becomes 28 February in other years. */
export function addYears(date: LocalDate, n: number): LocalDate {
  return addMonths(date, 12 * n);
}

/** date moved by amount units (calendar months for "month", 7 days for "week"). */
export function addUnits(date: LocalDate, amount: number, unit: CalendarUnit): LocalDate {
  if (unit === "month") return addMonths(date, amount);
  return addDays(date, unit === "week" ? 7 * amount : amount);
}

/** Whole years from birth to today: the largest n with birth + n years ≤ today (29 Feb counts as 28 Feb). */
export function ageOn(birth: LocalDate, today: LocalDate): number {
  const n = parts(today)[0] - parts(birth)[0];
  return addYears(birth, n) > today ? n - 1 : n;
}

/** The latest birth date whose age on today is at least n years. */
export function latestBirthDateForAge(today: LocalDate, n: number): LocalDate {
  const candidate = addYears(today, -n);
  const next = addDays(candidate, 1);
  return addYears(next, n) <= today ? next : candidate;
}

/**
 * today's "MM-DD" for age arithmetic in SQL (age = years − 1 while the birthday's "MM-DD" is
 * greater): 28 February of a non-leap year reads "02-29", since a 29 February birthday has passed.
 */
export function ageMonthDayKey(today: LocalDate): string {
  return monthDay(today) === "02-28" && !isLeapYear(parts(today)[0]) ? "02-29" : monthDay(today);
}

/** "MM-DD" of a date. */
export function monthDay(date: LocalDate): string {
  return date.slice(5, 10);
}

/**
 * The "MM-DD" keys whose anniversary falls within today … today + days: each day's own key,
 * plus "02-29" on 28 February of a non-leap year (a 29 February date counts as 28 February then).
 */
export function anniversaryKeys(today: LocalDate, days: number): string[] {
  const keys = new Set<string>();
  for (let i = 0; i <= days; i++) {
    const date = addDays(today, i);
    keys.add(monthDay(date));
    if (monthDay(date) === "02-28" && !isLeapYear(parts(date)[0])) keys.add("02-29");
  }
  return [...keys].sort();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether timeZone is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function wallClock(ms: number, timeZone: string): { date: LocalDate; seconds: number } {
  const f: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== "literal") f[p.type] = Number(p.value);
  return { date: format(f.year, f.month, f.day), seconds: f.hour * 3600 + f.minute * 60 + f.second };
}

/** The zone's offset from UTC at instant ms, in milliseconds (whole seconds). */
function offsetAt(ms: number, timeZone: string): number {
  const { date, seconds } = wallClock(ms, timeZone);
  const [y, m, d] = parts(date);
  return toDayNumber(y, m, d) * DAY_MS + seconds * 1000 - Math.floor(ms / 1000) * 1000;
}

/** The local date of instant ms in timeZone. */
export function localDateOf(ms: number, timeZone: string): LocalDate {
  return wallClock(ms, timeZone).date;
}

/**
 * The first instant (epoch ms) of a local date in timeZone: local midnight, or when midnight
 * falls in a daylight-saving gap, the moment the clocks jump forward into that day.
 */
export function startOfDay(date: LocalDate, timeZone: string): number {
  const [y, m, d] = parts(date);
  const base = toDayNumber(y, m, d) * DAY_MS;
  const before = offsetAt(base - DAY_MS, timeZone);
  const after = offsetAt(base + DAY_MS, timeZone);
  const valid = [base - before, base - after].filter((t) => offsetAt(t, timeZone) === base - t);
  if (valid.length > 0) return Math.min(...valid);
  // Midnight does not exist: find the transition between the two offsets.
  let lo = base - after;
  let hi = base - before;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** "Now" and "today" of one evaluation in one workspace zone, with memoized day starts. */
export interface Clock {
  /** Epoch milliseconds. */
  readonly now: number;
  readonly timeZone: string;
  readonly today: LocalDate;
  /** First instant of a local date in the zone, epoch ms. */
  startOfDay(date: LocalDate): number;
}

/** A clock for one evaluation; throws on an invalid instant or an unknown time zone. */
export function createClock(now: Date, timeZone: string): Clock {
  const ms = now.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("now is not a valid instant");
  if (!isTimeZone(timeZone)) throw new RangeError(`unknown time zone ${JSON.stringify(timeZone)}`);
  const starts = new Map<LocalDate, number>();
  return {
    now: ms,
    timeZone,
    today: localDateOf(ms, timeZone),
    startOfDay(date) {
      let t = starts.get(date);
      if (t === undefined) {
        t = startOfDay(date, timeZone);
        starts.set(date, t);
      }
      return t;
    },
  };
}
