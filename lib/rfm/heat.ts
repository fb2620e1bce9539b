/**
 * The RFM grid's colour scale: sequential, one hue, light for few customers and dark for many,
 * with the text colour that stays readable (WCAG AA, 4.5:1) on each step. Pure.
 */

/** One step of the scale: its background, its text colour, and the counts it covers. */
export interface HeatStep {
  background: string;
  text: string;
  /** Counts from `min` to `max` inclusive fall in this step. */
  min: number;
  max: number;
}

// Brand blues from lightest to darkest; step 0 is for empty cells.
const BACKGROUNDS = ["#ffffff", "#eef4ff", "#dbe6fe", "#a9bcfc", "#3b55e6", "#1f2f8f"] as const;
const DARK_TEXT = "#0f172a";
const LIGHT_TEXT = "#ffffff";
const COLOURED = BACKGROUNDS.length - 1;

/** The step (0 = empty, COLOURED = the largest) of a count against the largest count of the grid. */
export function heatStep(count: number, max: number): number {
  if (!(count > 0) || !(max > 0)) return 0;
  return Math.min(COLOURED, Math.max(1, Math.ceil((count / max) * COLOURED)));
}

function channel(hex: string, i: number): number {
  const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a "#rrggbb" colour. */
export function luminance(hex: string): number {
  return 0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 1) + 0.0722 * channel(hex, 2);
}

/** WCAG contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The scale for a grid whose largest cell has `max` customers: every step with its colours and count range. */
export function heatScale(max: number): HeatStep[] {
  return BACKGROUNDS.map((background, step) => {
    const text = contrast(background, DARK_TEXT) >= contrast(background, LIGHT_TEXT) ? DARK_TEXT : LIGHT_TEXT;
    if (step === 0) return { background, text, min: 0, max: 0 };
    // The counts c with ceil(c / max * COLOURED) === step.
    const lo = Math.floor(((step - 1) * max) / COLOURED) + 1;
    const hi = Math.floor((step * max) / COLOURED);
    return { background, text, min: lo, max: hi };
  });
}
