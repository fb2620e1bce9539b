/**
 * How the product words the freshness of a member count (docs/decisions/016): stored members are
 * exact "as of" the oldest queued write; otherwise the count was evaluated live just now. Pure.
 */
import { localDateOf } from "@/lib/segments/time";

/** Where a count came from: stored members (with "as of") or a live evaluation. */
export interface MembershipSource {
  usable: boolean;
  asOf: Date | null;
}

export const LIVE_NOTE = "Counted live — stored members are being updated";

/** "10:42" (24-hour, workspace zone) for an instant today, "3 Dec, 10:42" for an earlier day. */
export function asOfTime(asOf: Date, timeZone: string, now: Date = new Date()): string {
  const time = asOf.toLocaleTimeString("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" });
  if (localDateOf(asOf.getTime(), timeZone) === localDateOf(now.getTime(), timeZone)) return time;
  return `${asOf.toLocaleDateString("en-GB", { timeZone, day: "numeric", month: "short" })}, ${time}`;
}

/** "Members as of 10:42" for stored members, the live note otherwise. */
export function membershipNote(source: MembershipSource, timeZone: string, now: Date = new Date()): string {
  return source.usable && source.asOf ? `Members as of ${asOfTime(source.asOf, timeZone, now)}` : LIVE_NOTE;
}

/** The short form beside a count in a list: "as of 10:42" or "counted live". */
export function shortMembershipNote(source: MembershipSource, timeZone: string, now: Date = new Date()): string {
  return source.usable && source.asOf ? `as of ${asOfTime(source.asOf, timeZone, now)}` : "counted live";
}
