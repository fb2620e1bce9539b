/** Where axis labels go on a chart drawn at its real pixel width. Pure. */

/** The width in px a label of this text takes at fontPx (a generous average glyph width, so estimates err wide). */
export function textWidth(text: string, fontPx = 11): number {
  return Math.ceil(text.length * fontPx * 0.6);
}

/**
 * The x of a label centred on x, moved inwards so that all of it stays within [0, width]: the
 * first and last labels of an axis are otherwise cut off by the edge of the SVG.
 */
export function clampLabelX(x: number, labelWidth: number, width: number, pad = 2): number {
  const half = labelWidth / 2;
  if (labelWidth + 2 * pad >= width) return width / 2;
  return Math.min(Math.max(x, half + pad), width - half - pad);
}

/**
 * Which of `count` evenly spaced x labels to draw so that none overlaps its neighbour: every
 * `stride`-th counting back from the last (the newest is always labelled).
 */
export function labelStride(count: number, plotWidth: number, labelWidth: number, gap = 10): number {
  if (count <= 1) return 1;
  const spacing = plotWidth / (count - 1 || 1);
  return Math.max(1, Math.ceil((labelWidth + gap) / Math.max(spacing, 1)));
}

/** Whether label i of count is drawn with this stride (counting back from the last). */
export function showsLabel(i: number, count: number, stride: number): boolean {
  return (count - 1 - i) % stride === 0;
}

/** Shortens a label to fit maxWidth px at fontPx, with an ellipsis when cut. */
export function fitLabel(text: string, maxWidth: number, fontPx = 12): string {
  const chars = Math.max(3, Math.floor(maxWidth / (fontPx * 0.6)));
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}
