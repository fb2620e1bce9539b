/** Wall-clock times in an IANA zone → instants, for date-times written without a zone. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

// The zone's offset from UTC at instant ms (local − UTC), whole seconds.
function offsetAt(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) if (part.type !== "literal") p[part.type] = Number(part.value);
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return local - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant (epoch ms) at which clocks in timeZone show date ("YYYY-MM-DD", year ≥ 100) plus msOfDay.
 * A time skipped by a daylight-saving jump is read with the offset before the jump (02:30 → 03:30);
 * a repeated time takes its first occurrence.
 */
export function zonedTimeToInstant(date: string, msOfDay: number, timeZone: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const wall = Date.UTC(y, m - 1, d) + msOfDay;
  const candidates = [...new Set([offsetAt(wall - 86_400_000, timeZone), offsetAt(wall + 86_400_000, timeZone)])].sort((a, b) => b - a);
  for (const offset of candidates) {
    const t = wall - offset;
    if (offsetAt(t, timeZone) === offset) return t;
  }
  // In a gap: use the offset in force before it.
  return wall - offsetAt(wall - 86_400_000, timeZone);
}
