"use client";

import { RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { retryJobAction } from "@/app/w/[workspace]/jobs/actions";
import { Button } from "@/components/ui/button";

/** Puts a failed job back in the queue; shows the server's message when it cannot. */
export function RetryJobButton({ workspace, jobId, label }: { workspace: string; jobId: string; label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const retry = () =>
    startTransition(async () => {
      setError(null);
      const result = await retryJobAction({ workspace, jobId });
      if (!result.ok) setError(result.error);
      else router.refresh();
    });
  return (
    <div className="flex flex-col items-start gap-1">
      <Button size="sm" variant="secondary" pending={pending} onClick={retry} aria-label={`Retry ${label}`}>
        <RotateCcw aria-hidden className="size-4" />
        Retry
      </Button>
      {error && (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
