import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { IMPORT_TYPE_LABELS } from "@/lib/import/targets";
import type { ImportJobView } from "@/lib/import/types";
import { countsLine, rows, STATUS_BADGES, STATUS_LABELS } from "./job-format";

/** The workspace's recent imports, newest first, each linking to its mapping, progress or summary. */
export function ImportHistory({ workspace, jobs, timeZone }: { workspace: string; jobs: ImportJobView[]; timeZone: string }) {
  const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone });
  return (
    <Card className="overflow-hidden">
      <CardHeader>
        <div>
          <CardTitle>Recent imports</CardTitle>
          <CardDescription>Imports of the last days in this workspace. A running import keeps going when you leave the page.</CardDescription>
        </div>
      </CardHeader>
      {jobs.length === 0 ? (
        <p className="px-5 py-6 text-sm text-slate-500">No imports yet.</p>
      ) : (
        <Table>
          <caption className="sr-only">Recent imports</caption>
          <THead>
            <tr>
              <TH>File</TH>
              <TH>Status</TH>
              <TH className="hidden md:table-cell">Result</TH>
              <TH className="hidden sm:table-cell">Started</TH>
            </tr>
          </THead>
          <TBody>
            {jobs.map((job) => (
              <TR key={job.id}>
                <TD>
                  <Link href={`/w/${workspace}/customers/import/${job.id}`} className="font-medium text-brand-700 hover:underline">
                    {job.fileName}
                  </Link>
                  <p className="text-xs text-slate-500">
                    {IMPORT_TYPE_LABELS[job.type]} · {rows(job.totalRows)}
                    {job.createdByName ? ` · by ${job.createdByName}` : " · command line"}
                  </p>
                </TD>
                <TD>
                  <Badge variant={STATUS_BADGES[job.status]}>{STATUS_LABELS[job.status]}</Badge>
                  {job.status === "running" && (
                    <p className="mt-1 text-xs text-slate-500">
                      {rows(job.processedRows)} of {job.totalRows.toLocaleString("en-US")}
                    </p>
                  )}
                </TD>
                <TD className="hidden text-sm md:table-cell">{job.status === "pending" ? "—" : countsLine(job)}</TD>
                <TD className="hidden text-sm whitespace-nowrap sm:table-cell">{when.format(job.startedAt ?? job.createdAt)}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
