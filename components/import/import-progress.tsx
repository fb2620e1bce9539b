"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { formatCount } from "@/lib/format";
import type { ImportStatus } from "@/lib/import/types";

/** What the progress route answers. */
export interface ProgressSnapshot {
  status: ImportStatus;
  totalRows: number;
  processedRows: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

const POLL_MS = 1000;

/**
 * The progress bar of a running import (rows done of the total). It polls the progress route, so a
 * reload or another tab shows the same progress; when the job ends the page refreshes into the summary.
 */
export function ImportProgress({ workspace, jobId, initial }: { workspace: string; jobId: string; initial: ProgressSnapshot }) {
  const router = useRouter();
  const [snapshot, setSnapshot] = useState(initial);
  const [stalled, setStalled] = useState(false);

  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout>;
    async function poll() {
      try {
        const res = await fetch(`/api/w/${encodeURIComponent(workspace)}/imports/${jobId}`, { cache: "no-store" });
        if (res.ok) {
          const next = (await res.json()) as ProgressSnapshot;
          if (stop) return;
          setSnapshot(next);
          setStalled(false);
          if (next.status !== "running") return router.refresh();
        } else setStalled(true);
      } catch {
        setStalled(true);
      }
      if (!stop) timer = setTimeout(poll, POLL_MS);
    }
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [workspace, jobId, router]);

  const share = snapshot.totalRows > 0 ? Math.min(1, snapshot.processedRows / snapshot.totalRows) : 0;
  return (
    <Card>
      <CardHeader>
        <div>
          <CardTitle>Importing…</CardTitle>
          <CardDescription>The import runs on the server: you can leave this page and come back.</CardDescription>
        </div>
      </CardHeader>
      <CardContent className="space-y-3">
        <div
          role="progressbar"
          aria-label="Import progress"
          aria-valuemin={0}
          aria-valuemax={snapshot.totalRows}
          aria-valuenow={snapshot.processedRows}
          aria-valuetext={`${formatCount(snapshot.processedRows)} of ${formatCount(snapshot.totalRows)} rows`}
          className="h-3 overflow-hidden rounded-full bg-slate-100"
        >
          <div className="h-full rounded-full bg-brand-600 transition-[width] duration-500" style={{ width: `${(share * 100).toFixed(1)}%` }} />
        </div>
        <p className="text-sm text-slate-600" aria-live="polite">
          {formatCount(snapshot.processedRows)} of {formatCount(snapshot.totalRows)} rows · {formatCount(snapshot.created)} created, {formatCount(snapshot.updated)} updated,{" "}
          {formatCount(snapshot.skipped)} skipped, {formatCount(snapshot.failed)} failed
        </p>
        {stalled && <Alert variant="warning">Lost contact with the server; still trying. The import itself continues.</Alert>}
      </CardContent>
    </Card>
  );
}
