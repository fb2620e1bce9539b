"use client";

import { useEffect, useId, useState } from "react";
import { Button } from "@/components/ui/button";

/** The numbers of a chart as a table: column headers and rows of display text (first cell is the row header). */
export interface ChartTable {
  columns: string[];
  rows: string[][];
}

/** Width the charts are drawn at before the browser has measured their box (the server's render). */
export const DEFAULT_CHART_WIDTH = 640;

/** The content width of an element, followed as it resizes (DEFAULT_CHART_WIDTH until measured). */
function useWidth(element: HTMLElement | null): number {
  const [width, setWidth] = useState(DEFAULT_CHART_WIDTH);
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const w = Math.floor(entry.contentRect.width);
      if (w > 0) setWidth(w);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return width;
}

/**
 * A chart with its title, a one-line description, and a toggle between the chart and a table of
 * the same numbers. The chart itself (an SVG) is rendered by the caller with the ids given and
 * at the width its box has, in CSS pixels: an SVG scaled down to a phone would shrink its text
 * with it (11 px labels became 6 px at 390 px).
 */
export function ChartFigure({
  title,
  description,
  table,
  children,
  empty,
}: {
  title: string;
  description: string;
  table: ChartTable;
  children: (ids: { titleId: string; descId: string; width: number }) => React.ReactNode;
  /** Shown instead of the chart and the toggle when there is nothing to draw. */
  empty?: string;
}) {
  const id = useId();
  const [asTable, setAsTable] = useState(false);
  const [box, setBox] = useState<HTMLDivElement | null>(null);
  const width = useWidth(box);
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  return (
    <figure aria-labelledby={titleId} className="min-w-0">
      <div className="flex items-start justify-between gap-3">
        <div>
          <figcaption id={titleId} className="text-sm font-semibold text-slate-800">
            {title}
          </figcaption>
          <p id={descId} className="mt-0.5 text-xs text-slate-500">
            {description}
          </p>
        </div>
        {!empty && (
          <Button variant="secondary" size="sm" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)} aria-label={`${asTable ? "Show chart" : "Show table"}: ${title}`}>
            {asTable ? "Chart" : "Table"}
          </Button>
        )}
      </div>
      <div className="mt-3" ref={setBox}>
        {empty ? (
          <p className="rounded-md bg-slate-50 px-3 py-6 text-center text-sm text-slate-500">{empty}</p>
        ) : asTable ? (
          <div className="max-h-96 overflow-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                  {table.columns.map((c, i) => (
                    <th key={c} scope="col" className={i === 0 ? "py-1.5 pr-3 font-medium" : "py-1.5 pl-3 text-right font-medium"}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, r) => (
                  <tr key={r} className="border-b border-slate-100 last:border-0">
                    {row.map((cell, i) =>
                      i === 0 ? (
                        <th key={i} scope="row" className="py-1.5 pr-3 text-left font-normal text-slate-700">
                          {cell}
                        </th>
                      ) : (
                        <td key={i} className="py-1.5 pl-3 text-right tabular-nums text-slate-700">
                          {cell}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          children({ titleId, descId, width })
        )}
      </div>
    </figure>
  );
}
