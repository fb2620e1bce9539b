"use client";

import { Loader2 } from "lucide-react";
import { formatCount, formatShare } from "@/lib/format";
import type { LiveCountState } from "./use-live-count";

/**
 * The live count as a bar fixed to the bottom of the screen, for widths where the count panel sits below
 * the rules: the number stays in sight while rules are edited, and a link jumps to the breakdown.
 */
export function StickyCount({ state, blockedReason, note }: { state: LiveCountState; blockedReason: string | null; note: string | null }) {
  const shown = state.status === "done" ? state.result : state.status === "counting" ? state.previous : null;
  const counted = !blockedReason && shown?.status === "counted" ? shown.funnel : null;
  return (
    <div data-testid="sticky-count" className="fixed inset-x-0 bottom-0 z-30 border-t border-slate-200 bg-white/95 px-4 py-2 shadow-[0_-2px_8px_rgba(15,23,42,0.06)] backdrop-blur lg:left-60 2xl:hidden">
      <div className="mx-auto flex max-w-7xl items-center justify-between gap-3">
        <p className="min-w-0 text-sm text-slate-700" aria-hidden="true">
          {counted ? (
            <>
              <span className="text-lg font-semibold text-slate-900">{formatCount(counted.members)}</span> members
              <span className="text-slate-500"> · {formatShare(counted.total ? counted.members / counted.total : 0)}</span>
              {note && <span className="block truncate text-xs text-slate-600">{note}</span>}
            </>
          ) : (
            <span>{blockedReason ?? (state.status === "error" ? "The count is not available right now." : "Counting…")}</span>
          )}
        </p>
        <div className="flex shrink-0 items-center gap-2">
          {state.status === "counting" && <Loader2 aria-hidden className="size-4 animate-spin text-slate-500" />}
          <a href="#live-count-title" className="text-sm font-medium text-brand-700 underline underline-offset-2">Breakdown</a>
        </div>
      </div>
    </div>
  );
}
