/**
 * Size over time and joined / left figures from a segment's membership change log, per local day
 * of the workspace's zone. Pure: the daily entered / exited counts come from the database (see
 * ./membership-history). The log starts with the segment's first stored evaluation (every member
 * logged as entered), so the running sum of entered − exited is the exact size at the end of each
 * local day from that day on; before it there is no logged history.
 */
import { addDays, type LocalDate } from "@/lib/segments/time";

/** Entered and exited changes of one local day. */
export interface DayChanges {
  day: LocalDate;
  entered: number;
  exited: number;
}

/** The size at the end of one local day (today: now), with that day's changes. */
export interface SizePoint extends DayChanges {
  size: number;
}

/** Joined and left counts "in the last N days" (from the start of the day N days ago until now). */
export interface JoinedLeft {
  days: number;
  joined: number;
  left: number;
}

/**
 * The size per local day from max(first logged day, today − (days − 1)) to today, every day present
 * (days without changes carry the previous size); empty when nothing is logged. Input in any order.
 */
export function sizeSeries(changes: readonly DayChanges[], today: LocalDate, days: number): SizePoint[] {
  const sorted = [...changes].filter((c) => c.day <= today).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  if (sorted.length === 0) return [];
  const windowStart = addDays(today, -(days - 1));
  let size = 0;
  let i = 0;
  for (; i < sorted.length && sorted[i].day < windowStart; i++) size += sorted[i].entered - sorted[i].exited;
  const out: SizePoint[] = [];
  for (let day = sorted[0].day > windowStart ? sorted[0].day : windowStart; day <= today; day = addDays(day, 1)) {
    const c = i < sorted.length && sorted[i].day === day ? sorted[i++] : { day, entered: 0, exited: 0 };
    size += c.entered - c.exited;
    out.push({ day, entered: c.entered, exited: c.exited, size });
  }
  return out;
}

/** Joined (entered) and left (exited) since the start of the day `days` days before today. */
export function joinedLeft(changes: readonly DayChanges[], today: LocalDate, days: number): JoinedLeft {
  const since = addDays(today, -days);
  let joined = 0;
  let left = 0;
  for (const c of changes) {
    if (c.day < since || c.day > today) continue;
    joined += c.entered;
    left += c.exited;
  }
  return { days, joined, left };
}
