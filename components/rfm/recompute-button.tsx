"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/errors";

/** Recomputes the stored RFM scores (editors and admins), then reloads the page's numbers. */
export function RecomputeButton({ workspace, action, label = "Recompute" }: {
  workspace: string;
  action: (input: { workspace: string }) => Promise<ActionResult<{ customers: number; durationMs: number }>>;
  label?: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="flex items-center gap-3">
      <Button
        variant="secondary"
        pending={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await action({ workspace });
            if (result.ok) {
              setMessage({ ok: true, text: `Scored ${result.data.customers.toLocaleString("en-US")} customers in ${(result.data.durationMs / 1000).toFixed(1)} s.` });
              router.refresh();
            } else setMessage({ ok: false, text: result.error });
          })
        }
      >
        {label}
      </Button>
      <p role="status" className={`text-sm ${message?.ok === false ? "text-red-700" : "text-slate-500"}`}>{message?.text}</p>
    </div>
  );
}
