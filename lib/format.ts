/** Formats money for display; amounts arrive as decimal strings so no float rounding creeps into sums. */
export function formatMoney(amount: string | number, currency = "USD", options: { compact?: boolean } = {}): string {
  const value = typeof amount === "string" ? Number(amount) : amount;
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency,
    notation: options.compact ? "compact" : "standard",
    maximumFractionDigits: options.compact ? 1 : 2,
    minimumFractionDigits: options.compact ? 0 : 2,
  }).format(value);
}

/** Formats a count with thousands separators. */
export function formatCount(n: number): string {
  return new Intl.NumberFormat("en-US").format(n);
}

/** Formats a share (0–1) as a percentage with one decimal. */
export function formatShare(share: number): string {
  return new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 }).format(share);
}
