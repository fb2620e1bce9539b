"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/errors";
import type { PredictionAttemptStatus } from "@/lib/predict/schemas";

/** What a recompute reports: its outcome, and the fit's size and time when it succeeded. */
export interface RecomputeOutcome {
  status: PredictionAttemptStatus;
  message: string | null;
  customers: number | null;
  durationMs: number | null;
}

/** The sentence a recompute's outcome shows beside the button. */
export function outcomeText(outcome: RecomputeOutcome): string {
  if (outcome.status === "ok") {
    const customers = outcome.customers === null ? "" : ` for ${outcome.customers.toLocaleString("en-US")} customers`;
    const time = outcome.durationMs === null ? "" : ` in ${(outcome.durationMs / 1000).toFixed(1)} s`;
    return `Predictions computed${customers}${time}.`;
  }
  const what = outcome.status === "insufficient" ? "Not enough history to predict" : "The models did not converge; nothing was stored";
  return outcome.message ? `${what}: ${outcome.message}` : `${what}.`;
}

/** Refits the models and rescores every customer (editors and admins), then reloads the page's numbers. */
export function RecomputeButton({ workspace, action, label }: {
  workspace: string;
  action: (input: { workspace: string }) => Promise<ActionResult<RecomputeOutcome>>;
  label: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "warning" | "error"; text: string } | null>(null);
  const tones = { ok: "text-emerald-700", warning: "text-amber-800", error: "text-red-700" } as const;
  return (
    <div className="flex flex-col items-start gap-2 sm:items-end">
      <Button
        variant="secondary"
        pending={pending}
        onClick={() =>
          startTransition(async () => {
            setMessage(null);
            const result = await action({ workspace });
            if (result.ok) {
              setMessage({ tone: result.data.status === "ok" ? "ok" : "warning", text: outcomeText(result.data) });
              router.refresh();
            } else setMessage({ tone: "error", text: result.error });
          })
        }
      >
        {label}
      </Button>
      <p role="status" className={`max-w-xs text-sm sm:text-right ${message ? tones[message.tone] : "text-slate-500"}`}>
        {pending ? "Fitting the models on every paid order; this can take a while on a large workspace." : message?.text}
      </p>
    </div>
  );
}
