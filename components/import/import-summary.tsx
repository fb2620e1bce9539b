import { Download } from "lucide-react";
import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { formatCount } from "@/lib/format";
import type { ImportJobView } from "@/lib/import/types";
import { rows } from "./job-format";

/** One rejected row as the summary lists it. */
export interface ErrorLine {
  rowNumber: number;
  column: string | null;
  value: string | null;
  reason: string;
}

function Stat({ label, value, tone }: { label: string; value: number; tone?: string }) {
  return (
    <div className="rounded-md border border-slate-200 px-4 py-3">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold ${tone ?? "text-slate-900"}`}>{formatCount(value)}</dd>
    </div>
  );
}

/** The end of an import: created, updated, skipped and failed rows, the first errors and the full report. */
export function ImportSummary({ workspace, job, errors }: { workspace: string; job: ImportJobView; errors: ErrorLine[] }) {
  const reportHref = `/api/w/${encodeURIComponent(workspace)}/imports/${job.id}/errors`;
  const unprocessed = job.totalRows - job.processedRows;
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>{job.status === "failed" ? "The import stopped" : "Import finished"}</CardTitle>
          <CardDescription>
            {rows(job.processedRows)} of {formatCount(job.totalRows)} processed{job.status === "failed" && unprocessed > 0 ? `; ${rows(unprocessed)} were not reached` : ""}.
          </CardDescription>
        </div>
        {job.failed > 0 && (
          <a href={reportHref} className={buttonClasses({ variant: "secondary", size: "sm" })} download>
            <Download aria-hidden className="size-4" />
            Download error report (CSV)
          </a>
        )}
      </CardHeader>
      <CardContent className="space-y-4">
        {job.error && <Alert variant="error">{job.error}</Alert>}
        <dl className="grid grid-cols-2 gap-3 md:grid-cols-4" aria-label="Import summary">
          <Stat label="Created" value={job.created} />
          <Stat label="Updated" value={job.updated} />
          <Stat label="Skipped" value={job.skipped} />
          <Stat label="Failed" value={job.failed} tone={job.failed > 0 ? "text-red-700" : undefined} />
        </dl>
        {errors.length > 0 && (
          <div className="overflow-hidden rounded-md border border-slate-200">
            <Table>
              <caption className="px-4 py-2 text-left text-sm font-medium text-slate-700">
                {job.failed > errors.length ? `The first ${errors.length} problems (the report has them all)` : "Problems"}
              </caption>
              <THead>
                <tr>
                  <TH>Row</TH>
                  <TH>Column</TH>
                  <TH>Value</TH>
                  <TH>Reason</TH>
                </tr>
              </THead>
              <TBody>
                {errors.map((e, i) => (
                  <TR key={`${e.rowNumber}-${i}`}>
                    <TD>{e.rowNumber}</TD>
                    <TD>{e.column ?? "—"}</TD>
                    <TD className="max-w-48 truncate">{e.value || "—"}</TD>
                    <TD>{e.reason}</TD>
                  </TR>
                ))}
              </TBody>
            </Table>
          </div>
        )}
        <p className="text-sm">
          <Link href={`/w/${workspace}/customers/import`} className="font-medium text-brand-700 hover:underline">
            Import another file
          </Link>
          {" · "}
          <Link href={`/w/${workspace}/customers`} className="font-medium text-brand-700 hover:underline">
            Go to customers
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
