"use client";

import { CircleAlert } from "lucide-react";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatCount } from "@/lib/format";
import type { PreviewAction, PreviewRow } from "@/lib/import/preview";

const ACTIONS: Record<PreviewAction, { label: string; variant: BadgeVariant }> = {
  create: { label: "Create", variant: "success" },
  update: { label: "Update", variant: "brand" },
  skip: { label: "Skip", variant: "neutral" },
  fail: { label: "Error", variant: "danger" },
};

/** The first rows as they will be stored: one column per mapped column, problems at their cells. */
export function PreviewTable({ columns, rows, check, loading }: {
  columns: { index: number; header: string; label: string }[];
  rows: PreviewRow[] | null;
  check: { total: number; failing: number } | null;
  loading: boolean;
}) {
  const failing = rows?.filter((r) => r.action === "fail").length ?? 0;
  const whole = check && check.total > (rows?.length ?? 0) ? ` In the whole file, ${formatCount(check.failing)} of ${formatCount(check.total)} rows would fail.` : "";
  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <div>
          <CardTitle>Preview</CardTitle>
          <CardDescription aria-live="polite">
            {loading
              ? "Updating the preview…"
              : rows
                ? `The first ${rows.length} rows as they will be stored.${failing > 0 ? ` ${failing} of them ${failing === 1 ? "has problems and would" : "have problems and would"} not be imported.` : ""}${whole}`
                : "Map at least one column to see a preview."}
          </CardDescription>
        </div>
      </CardHeader>
      {rows && rows.length > 0 && (
        <Table className={loading ? "opacity-60" : undefined}>
          <caption className="sr-only">Preview of the first rows</caption>
          <THead>
            <tr>
              <TH>Row</TH>
              <TH>Result</TH>
              {columns.map((c) => (
                <TH key={c.index} className="normal-case">
                  {c.label}
                  <span className="block text-xs font-normal text-slate-500">from {c.header}</span>
                </TH>
              ))}
            </tr>
          </THead>
          <TBody>
            {rows.map((row) => (
              <TR key={row.rowNumber} className={row.action === "fail" ? "bg-red-50/40" : undefined}>
                <TD className="align-top text-xs text-slate-500">{row.rowNumber}</TD>
                <TD className="align-top">
                  <Badge variant={ACTIONS[row.action].variant}>{ACTIONS[row.action].label}</Badge>
                  {row.problems.map((p) => (
                    <p key={p} className="mt-1 max-w-64 text-xs text-red-700">
                      {p}
                    </p>
                  ))}
                </TD>
                {columns.map((c) => {
                  const cell = row.cells[c.index];
                  return (
                    <TD key={c.index} className={`max-w-56 align-top text-sm ${cell?.problem ? "text-red-700" : ""}`}>
                      {cell?.problem ? (
                        <span className="flex items-start gap-1">
                          <CircleAlert aria-hidden className="mt-0.5 size-3.5 shrink-0" />
                          <span>
                            <span className="font-medium">{cell.value || "(empty)"}</span>
                            <span className="block text-xs">{cell.problem}</span>
                          </span>
                        </span>
                      ) : cell?.value ? (
                        <span className="break-words">{cell.value}</span>
                      ) : (
                        <span className="text-slate-500 italic">empty</span>
                      )}
                    </TD>
                  );
                })}
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
