"use client";

import { Select } from "@/components/ui/select";
import type { DraftCondition } from "@/lib/segments/builder-tree";
import { hasError, useBuilder } from "./builder-context";

/** A segment condition: is / is not a member of another saved segment. */
export function SegmentCondition({ node, describedBy }: { node: DraftCondition; describedBy?: string }) {
  const { segments, change, errors } = useBuilder();
  const errs = errors.get(node.id);
  const current = typeof node.segmentId === "string" ? node.segmentId : "";
  const known = segments.some((s) => s.id === current);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Select aria-label="Segment membership" className="w-40" value={String(node.operator ?? "in")} onChange={(e) => change(node.id, { ...node, operator: e.target.value })}>
        <option value="in">is in</option>
        <option value="not_in">is not in</option>
      </Select>
      <Select aria-label="Segment" className="w-full min-w-0 flex-1 sm:min-w-56" value={current} aria-invalid={hasError(errs, "segmentId") || undefined} aria-describedby={describedBy}
        onChange={(e) => change(node.id, { ...node, segmentId: e.target.value || undefined })}>
        <option value="">{segments.length ? "Choose a segment…" : "No other saved segments yet"}</option>
        {current && !known && <option value={current}>Unknown segment {current}</option>}
        {segments.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
      </Select>
    </div>
  );
}
