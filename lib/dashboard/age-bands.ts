/** Age bands of the dashboard's age breakdown: whole years from birthDate to today, as the segment engine's `age`. Pure. */

/** One band: ages from min to max inclusive (max null = and older). */
export interface AgeBand {
  key: string;
  label: string;
  min: number;
  max: number | null;
}

export const AGE_BANDS: readonly AgeBand[] = [
  { key: "under_18", label: "Under 18", min: 0, max: 17 },
  { key: "18_24", label: "18–24", min: 18, max: 24 },
  { key: "25_34", label: "25–34", min: 25, max: 34 },
  { key: "35_44", label: "35–44", min: 35, max: 44 },
  { key: "45_54", label: "45–54", min: 45, max: 54 },
  { key: "55_64", label: "55–64", min: 55, max: 64 },
  { key: "65_plus", label: "65 and over", min: 65, max: null },
];

/** The key of the band an age falls in; null for no age (no birth date, or a birth date after today). */
export function ageBandOf(age: number | null): string | null {
  if (age === null || !Number.isFinite(age) || age < 0) return null;
  const band = AGE_BANDS.find((b) => age >= b.min && (b.max === null || age <= b.max));
  return band ? band.key : null;
}

/** The label of a band key. */
export function ageBandLabel(key: string): string {
  return AGE_BANDS.find((b) => b.key === key)?.label ?? key;
}

/**
 * Rows of the age breakdown in age order (youngest band first, "not set" last) rather than by
 * size: a reader scans ages as a scale. Rows of unknown keys keep their place after the bands.
 */
export function inAgeOrder<T extends { key: string | null }>(rows: readonly T[]): T[] {
  const rank = (key: string | null) => {
    const i = AGE_BANDS.findIndex((b) => b.key === key);
    return i >= 0 ? i : key === null ? AGE_BANDS.length + 1 : AGE_BANDS.length;
  };
  return rows.map((row, i) => ({ row, i })).sort((a, b) => rank(a.row.key) - rank(b.row.key) || a.i - b.i).map((x) => x.row);
}
