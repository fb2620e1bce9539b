/** Scales and axis ticks for the SVG charts. Pure. */

/** A linear map from [d0, d1] to [r0, r1]; a flat domain maps everything to r0. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  if (d1 === d0) return () => r0;
  return (value) => r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
}

/** A "nice" step (1, 2 or 5 × a power of ten) that splits [0, max] into about `count` intervals. */
export function niceStep(max: number, count = 4): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Ticks from 0 to the first multiple of a nice step at or above max (at least [0, 1] for an empty or zero range). */
export function niceTicks(max: number, count = 4): number[] {
  const step = niceStep(max, count);
  const top = max > 0 && Number.isFinite(max) ? Math.ceil(max / step - 1e-9) * step : step;
  const ticks: number[] = [];
  for (let i = 0; i * step <= top + step / 1e6; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** The largest value of a list (0 for an empty one or only non-positive values). */
export function maxOf(values: readonly number[]): number {
  return values.reduce((m, v) => (Number.isFinite(v) && v > m ? v : m), 0);
}

/** Compact axis labels: 1200 → "1.2K", 3400000 → "3.4M". */
export function compactNumber(value: number): string {
  return new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 }).format(value);
}
