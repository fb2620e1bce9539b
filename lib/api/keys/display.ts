/** How keys read on the page and in the command line. Pure and client-safe. */

/** The part of a key that is kept and shown, with an ellipsis for the rest: "sgm_Ab12Cd34…". */
export function maskedKey(prefix: string): string {
  return `${prefix}…`;
}

const relative = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });

const STEPS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ["minute", 60],
  ["hour", 60 * 60],
  ["day", 24 * 60 * 60],
  ["month", 30 * 24 * 60 * 60],
  ["year", 365 * 24 * 60 * 60],
];

/** "never", "just now", "5 minutes ago", "yesterday", "3 months ago": when a key was last used. */
export function lastUsedText(lastUsedAt: Date | string | null, now: Date): string {
  if (!lastUsedAt) return "never";
  const seconds = Math.max(0, Math.round((now.getTime() - new Date(lastUsedAt).getTime()) / 1000));
  if (seconds < 60) return "just now";
  let unit: Intl.RelativeTimeFormatUnit = "minute";
  let size = 60;
  for (const [u, s] of STEPS) {
    if (seconds >= s) [unit, size] = [u, s];
  }
  return relative.format(-Math.floor(seconds / size), unit);
}
